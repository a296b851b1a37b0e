// bench:corpus's only instrument, installed in the page before the app's scripts: the long tasks.
// (bench:chat's instrument also reads the last block's text after every change, which on an
// answer of megabytes is itself a long task.) Plain JavaScript: it is injected as it is written.
;(() => {
  const longTasks = []
  window.__corpus = { longTasks }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration)
  }).observe({ type: 'longtask', buffered: true })
})()
