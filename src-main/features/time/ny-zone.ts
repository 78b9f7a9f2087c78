/**
 * One New York zone clock for the feature code. Its offsets are cached per UTC day and do
 * not depend on who asks, so sharing it lets a second pass over the same years (levels,
 * then the feature set; a backtest after training) skip the luxon look-ups of the first.
 */
import { ZoneClock } from '../../data/import/zone-clock';

export const NY_ZONE = new ZoneClock('America/New_York');
