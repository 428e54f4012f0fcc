/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** Build-time constants from config/index.ts `defineConstants`. */
declare const CLOUD_ENV: string
declare const API_BASE: string
/** Subscribe-message template ids: `activityReminder=<id>,reviewResult=<id>,taskReminder=<id>`. */
declare const NOTIFY_TEMPLATES: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn'
    TARO_APP_ID: string
  }
}
