// streamInPage: the same answer fed to the page's event handler inside the page (no harness
// transport): the renderer's own part of streaming.
import type { Scenario } from '../scenario'
import { streamInPageRun } from '../stream'

export const scenario: Scenario = {
  name: 'streamInPage',
  title: 'the same answer fed inside the page, without the harness transport',
  run: ({ browser, provider, tokens }) => streamInPageRun(browser, provider, tokens)
}
