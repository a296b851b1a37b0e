// The command line's usage text, printed for --help and on bad input.

export const USAGE = `Usage: npm run -s cli -- <command>

  ask [--model ID] [--system TEXT] [--temperature N] [--top-p N] [--max-tokens N] [--stop TEXT]...
      [--thinking on|off] [--reasoning-effort minimal|low|medium|high] [--image FILE]... [--ocr]
      [--video FILE]... [--fps N] [--file FILE]... [--pages 1-5,9] [--conversation ID | --project NAME]
      [--stall-timeout SECONDS] [--json] QUESTION
  search [--json] [--limit N] [--archived] [--project NAME] [--model ID] [--role user|assistant]
      [--after DAY] [--before DAY] [--conversation ID] [--pinned] [--has image|file] QUERY

The answer streams to stdout, the model's reasoning to stderr. An image goes as the text read in
it to a model that cannot see images, and to every model with --ocr (said on stderr). A --file
(PDF, or text of any kind and encoding) goes as its text; files that do not fit the model's
context are refused (exit 2) with nothing sent; --pages sends only those pages of each PDF. Environment: SEED_CHAT_API_KEY
(else the keychain), SEED_CHAT_BASE_URL (else the saved setting), SEED_CHAT_DATA_DIR (else the
app's data folder). search leaves archived chats out unless --archived, and keeps to one project
with --project, one model, who wrote it, a range of days (YYYY-MM-DD, local; --before leaves its
day out), one conversation, pinned chats, or messages with an image or a file. Exit codes: 0 answered, 1 the API or network failed, 2 bad input.`
