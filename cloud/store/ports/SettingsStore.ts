/** Small key/value settings (the demo accounts). */
export interface SettingsStore {
  getSetting(key: string): Promise<string | null>
  putSetting(key: string, value: string): Promise<void>
}
