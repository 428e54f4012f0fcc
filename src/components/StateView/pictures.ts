import emptyBox from '../../assets/state/empty.svg'
import errorPage from '../../assets/state/error.svg'
import noResults from '../../assets/state/no-results.svg'
import offline from '../../assets/state/offline.svg'

/** What an empty list shows: nothing yet, or nothing that matches what was searched or filtered. */
export type EmptyPicture = 'empty' | 'noResults'
export type StatePicture = EmptyPicture | 'error' | 'offline'

/**
 * The state pictures, drawn in the app's colours and shipped with the app (files in the mini-program's
 * package; hashed files on the app's own server for h5, config/index.ts), so nothing is fetched from
 * outside: an intranet reaches nothing else. Plain SVG (no <style>, no percentages) for weapp's <image>.
 */
export const STATE_PICTURES: Record<StatePicture, string> = {
  empty: emptyBox as string,
  noResults: noResults as string,
  error: errorPage as string,
  offline: offline as string,
}

/** Both transports answer an unreachable server with “网络连接失败…”: that failure shows the offline picture. */
export const pictureOfError = (error: Error): StatePicture => (/网络/.test(error.message) ? 'offline' : 'error')
