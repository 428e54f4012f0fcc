/**
 * The parts of wx-server-sdk the deployed functions use (cloud/wechat/entry.ts). CloudBase installs
 * the package beside each function (the build keeps it external), so it is no dependency here. Its
 * `module.exports` is the SDK object itself (no `__esModule`), which is what a default import gets.
 */
declare module 'wx-server-sdk' {
  /**
   * Storage (云存储): `uploadFile({ cloudPath, fileContent })` → fileID, `downloadFile({ fileID })` → fileContent; meeting photos.
   * `openapi.subscribeMessage.send`: a subscribe message (notify, whose config.json grants it).
   */
  type WxServerSdk = import('../cloud/wechat/main').WxContextSource &
    import('../cloud/store/cloudbase/sdk').CloudStorage &
    import('../cloud/functions/notify/wechatSender').WxOpenApi & {
    init(opts: { env: unknown }): void
    readonly DYNAMIC_CURRENT_ENV: unknown
    database(
      options?: typeof import('../cloud/store/cloudbase/sdk').DATABASE_OPTIONS,
    ): ConstructorParameters<typeof import('../cloud/store/cloudbase/CloudBaseStore').CloudBaseStore>[0]
  }
  const cloud: WxServerSdk
  export default cloud
}
