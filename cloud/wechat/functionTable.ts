/**
 * Stand-in for `@function-table` during type checking; `npm run build:cloud` points the alias at
 * the deployed function's own `cloud/functions/<name>/table.ts`.
 */
import type { ActionTable } from '../runtime/action'

export declare const table: ActionTable
