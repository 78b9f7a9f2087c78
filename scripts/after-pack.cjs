// electron-builder afterPack hook: flips Electron fuses on the packed binary so a shipped
// app cannot be turned into a Node interpreter or pointed at code outside its asar.
const { join } = require('node:path');

exports.default = async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const name = context.packager.appInfo.productFilename;
  const platform = context.electronPlatformName;
  const binary =
    platform === 'darwin'
      ? join(context.appOutDir, `${name}.app`)
      : join(
          context.appOutDir,
          platform === 'win32' ? `${name}.exe` : context.packager.executableName,
        );
  await flipFuses(binary, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: platform === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
};
