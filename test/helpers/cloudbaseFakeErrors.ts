/**
 * Errors as wx-server-sdk reports them: an Error with a numeric `errCode` and an `errMsg`.
 * Codes from the WeChat cloud error table (developers.weixin.qq.com …/wxcloud/reference/errcode):
 * -501007 parameter error, -502001 database request failed, -502002 invalid database command,
 * -502005 collection does not exist. The CloudBase names in the message (DATABASE_DUPLICATE_WRITE,
 * DATABASE_TRANSACTION_CONFLICT) are from docs.cloudbase.net/error-code/.
 */
export class FakeDbError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(`errCode: ${errCode} | errMsg: ${errMsg}`)
    this.name = 'CloudSDKError'
  }
}

export const fakeError = (errCode: number, name: string, detail: string): FakeDbError => new FakeDbError(errCode, `${name}: ${detail}`)

export const duplicateWrite = (collection: string, index: string, key: string): FakeDbError =>
  fakeError(-502001, 'DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`)

export const transactionConflict = (collection: string, id: string): FakeDbError =>
  fakeError(-502001, 'DATABASE_TRANSACTION_CONFLICT', `transaction conflict on ${collection}/${id}`)
