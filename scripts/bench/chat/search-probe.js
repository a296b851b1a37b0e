// bench:chat's search probe, added to the page once the app runs (search.ts): when each keystroke
// began (its keydown, or the text input of a character no key types, as an input method commits
// it), when the results of each query were painted (the dialog's data-results-for changed, then
// the next frame painted), and each first-page searchHistory call through the harness's bridge.
// Plain JavaScript on purpose: it is injected as it is written.
;(() => {
  const starts = []
  const painted = []
  const calls = []
  let keyDown = false
  const reset = () => {
    starts.length = 0
    painted.length = 0
    calls.length = 0
    keyDown = false
  }
  window.__searchProbe = { starts, painted, calls, reset }
  addEventListener(
    'keydown',
    (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return
      if (event.key.length !== 1 && event.key !== 'Backspace') return
      starts.push(event.timeStamp)
      keyDown = true
    },
    true
  )
  addEventListener(
    'input',
    (event) => {
      if (keyDown) keyDown = false
      else starts.push(event.timeStamp)
    },
    true
  )

  // After the frame that showed new results has painted: the observer runs right after React's
  // commit; the frame after it is drawn, then a posted task runs.
  const channel = new MessageChannel()
  const pending = []
  channel.port1.onmessage = () => {
    const at = performance.now()
    for (const query of pending.splice(0)) painted.push([query, at])
  }
  new MutationObserver((records) => {
    for (const record of records) {
      const query = record.target.getAttribute('data-results-for')
      if (query === null || query === '') continue
      if (pending.length === 0) requestAnimationFrame(() => channel.port2.postMessage(null))
      pending.push(query)
    }
  }).observe(document.body, {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-results-for']
  })

  // The harness's bridge: each first page of a search, from the page's call to its answer.
  const invoke = window.__seedChatInvoke
  window.__seedChatInvoke = (name, args) => {
    const started = performance.now()
    const answer = invoke(name, args)
    if (!args || typeof args.typing !== 'string' || args.before) return answer
    return answer.then((value) => {
      calls.push([args.query, started, performance.now()])
      return value
    })
  }
})()
