/** Bar geometry for the dashboard's edits-per-day chart: pure, so it is unit tested. */
export type Bar = { day: string; edits: number; x: number; y: number; width: number; height: number }

export const CHART_WIDTH = 600
export const CHART_HEIGHT = 120

/** One bar per day across CHART_WIDTH, heights scaled to the busiest day (a day with edits shows at least 2 units). */
export function bars(days: Array<{ day: string; edits: number }>): Bar[] {
  const most = Math.max(1, ...days.map((day) => day.edits))
  const slot = CHART_WIDTH / Math.max(1, days.length)
  return days.map(({ day, edits }, index) => {
    const height = edits === 0 ? 0 : Math.max(2, Math.round((edits / most) * CHART_HEIGHT))
    return { day, edits, x: index * slot + slot * 0.15, y: CHART_HEIGHT - height, width: slot * 0.7, height }
  })
}

/** The chart in words, for screen readers and for anyone who prefers a sentence. */
export function chartSummary(days: Array<{ day: string; edits: number }>): string {
  const total = days.reduce((sum, day) => sum + day.edits, 0)
  if (total === 0) return `No item was edited in the last ${days.length} days.`
  const busiest = days.reduce((best, day) => (day.edits > best.edits ? day : best))
  const today = days.at(-1)!
  return `${total} item ${total === 1 ? 'edit' : 'edits'} in the last ${days.length} days; the busiest day was ${busiest.day} with ${busiest.edits}; today ${today.edits}.`
}
