/** Sign-ups (报名) and the capacity they fill. */
export interface SignUpStore {
  /** Sign up unless full; the capacity is checked inside the write, so two people cannot take the last place. */
  signUp(activityId: string, memberId: string, capacity: number | null, at: string): Promise<'created' | 'exists' | 'full'>
  /** Withdraw a member's sign-up, freeing its place; false when there was none. */
  withdrawSignUp(activityId: string, memberId: string): Promise<boolean>
  countSignUps(activityIds: string[]): Promise<Record<string, number>>
  signedUpActivityIds(memberId: string, activityIds: string[]): Promise<Set<string>>
}
