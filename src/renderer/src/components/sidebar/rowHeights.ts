// Every row has a fixed height (conversations one, group headers another): no measuring, so
// 100,000 rows cost what 30 do.
export const CONVERSATION_ROW_HEIGHT = 36
export const GROUP_HEADER_HEIGHT = 30
