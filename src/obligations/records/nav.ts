/** The record pages of the obligations subpackage (targets, 民主生活会, 标准党支部, 述职评议). */
export const RECORDS = {
  targets: '/obligations/targets/index',
  democratic: (unitId?: string) => `/obligations/democratic/index${unitId ? `?unit=${encodeURIComponent(unitId)}` : ''}`,
  standard: '/obligations/standard/index',
  duty: (unitId?: string) => `/obligations/duty/index${unitId ? `?unit=${encodeURIComponent(unitId)}` : ''}`,
  /** The city's matrix of targets (the dashboard). */
  dashboard: '/obligations/index/index',
}
