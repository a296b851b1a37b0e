// search: queries typed a character at a time into the search dialog over 1,000,000 messages,
// each keystroke to the frame that paints its results.
import { searchRun } from '../search'
import { expectRun, type Scenario } from '../scenario'

export const scenario: Scenario = {
  name: 'search',
  title: 'search as you type over 1,000,000 messages',
  run: async ({ browser, provider, cache }) => {
    const figures = await searchRun(browser, provider, cache)
    // Most keystrokes must paint their own results, or the run timed the overtaking, not a search.
    expectRun(
      figures.keystrokes >= 20 && figures.overtaken <= figures.keystrokes / 4,
      `search: ${figures.keystrokes} keystrokes, ${figures.overtaken} overtaken`
    )
    return figures
  }
}
