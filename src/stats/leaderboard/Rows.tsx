import { Text, View } from '@tarojs/components'
import type { RankedRow, UnitAverage } from '@cloud/domain/leaderboard'
import { pct } from '../../utils/period'

type Board = 'studyModel' | 'volunteer'

const rankClass = (rank: number) => `stats-row__rank ${rank <= 3 ? 'stats-row__rank--top' : ''}`
const scoreText = (board: Board, score: number) => (board === 'volunteer' ? `${score} 小时` : `${score} 分`)

/** The city board's default: units by the average score of their members on the board. */
export function UnitRows({ board, units, myUnitId }: { board: Board; units: UnitAverage[]; myUnitId: string }) {
  return (
    <>
      {units.map((u) => (
        <View key={u.unitId} className={`stats-row ${u.unitId === myUnitId ? 'stats-row--me' : ''}`} data-testid='board-unit' data-unit-id={u.unitId}>
          <View className='stats-row__line'>
            <Text className={rankClass(u.rank)}>{u.rank}</Text>
            <View className='stats-row__who'>
              <Text className='stats-row__name'>{u.unitName}</Text>
              <Text className='stats-row__meta'>
                上榜 {u.members} 人 · 合计 {scoreText(board, u.total)}
              </Text>
            </View>
            <View className='stats-row__score'>
              <Text className='stats-row__value' data-testid='unit-average'>
                {Math.round(u.average * 10) / 10}
              </Text>
              <Text className='stats-row__meta'>{board === 'volunteer' ? '人均小时' : '人均积分'}</Text>
            </View>
          </View>
        </View>
      ))}
    </>
  )
}

/** People by score: rank, name, unit, score and (study board) attendance rate. */
export function MemberRows({ board, rows, myId }: { board: Board; rows: RankedRow[]; myId: string }) {
  return (
    <>
      {rows.map((r) => (
        <View key={r.memberId} className={`stats-row ${r.memberId === myId ? 'stats-row--me' : ''}`} data-testid='board-member' data-member-id={r.memberId}>
          <View className='stats-row__line'>
            <Text className={rankClass(r.rank)}>{r.rank}</Text>
            <View className='stats-row__who'>
              <Text className='stats-row__name'>
                {r.name}
                {r.memberId === myId ? '（我）' : ''}
              </Text>
              <Text className='stats-row__meta'>
                {r.unitName}
                {board === 'studyModel' ? ` · 出勤率 ${pct(r.attendanceRate)}（${r.attended}/${r.eligibleSessions}）` : ` · 参加 ${r.attended} 次`}
              </Text>
            </View>
            <View className='stats-row__score'>
              <Text className='stats-row__value'>{scoreText(board, r.score)}</Text>
            </View>
          </View>
        </View>
      ))}
    </>
  )
}
