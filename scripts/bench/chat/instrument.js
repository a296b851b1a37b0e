// bench:chat's instruments, installed in the page before the app's scripts: long tasks, input
// events (event to next paint), when a streamed event arrives, and when marked text is painted.
// Plain JavaScript on purpose: it is injected as it is written.
;(() => {
  const longTasks = []
  const events = []
  const painted = new Map()
  const arrived = new Map()
  window.__bench = { longTasks, events, painted, arrived }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      longTasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'click' || entry.name === 'keydown' || entry.name === 'pointerdown')
        events.push(entry.duration)
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true })

  const MARK = /⟨(\d+)⟩/g
  const highest = (text) => {
    let max = -1
    for (const found of text.matchAll(MARK)) max = Math.max(max, Number(found[1]))
    return max
  }
  const now = () => performance.timeOrigin + performance.now()

  // When a streamed event reaches the page (the harness calls this for every event). A mark may
  // arrive split over two deltas: look at the end of what came so far.
  let tail = ''
  const wrap = () => {
    const emit = window.__seedChatEmit
    if (!emit || emit.wrapped) return
    const wrapped = (channel, data) => {
      if (data && typeof data.content === 'string' && data.content !== '') {
        tail = (tail + data.content).slice(-24)
        const n = highest(tail)
        if (n >= 0 && !arrived.has(n)) arrived.set(n, now())
      }
      emit(channel, data)
    }
    wrapped.wrapped = true
    window.__seedChatEmit = wrapped
  }

  // After the frame that showed a mark has painted: the DOM changed (this observer runs right
  // after the change, inside the frame's work), and a task posted now runs once that frame has
  // been painted.
  let scheduled = false
  let last = -1
  const channel = new MessageChannel()
  channel.port1.onmessage = () => {
    scheduled = false
    const at = now()
    const answers = document.querySelectorAll('article.message-assistant .markdown')
    const block = answers[answers.length - 1]?.lastElementChild
    const n = highest(block?.textContent ?? '')
    for (let i = last + 1; i <= n; i++) if (!painted.has(i)) painted.set(i, at)
    if (n > last) last = n
  }
  const observe = () => {
    if (scheduled) return
    scheduled = true
    channel.port2.postMessage(null)
  }
  const start = () => {
    wrap()
    new MutationObserver(observe).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true
    })
  }
  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start)
})()
