// The screenshots bench:ocr reads: 1920×1080 windows of UI-like text (a sidebar and a main
// column, 18 px text as desktop apps draw it), English or Chinese, rendered with sharp from SVG.
import { renderScreenshot } from '../../../test/fixtures/screenshots'

const ENGLISH_SIDEBAR = ['Inbox', 'Drafts', 'Sent items', 'Archive', 'Settings', 'Help center']
const ENGLISH = [
  'Connection to the database timed out after 30 seconds',
  'Retry the request or check the server status page',
  'Error code 504: upstream gateway did not respond in time',
  'Your changes have been saved to the cloud',
  'Failed to upload report.pdf because the file is too large',
  'Press Ctrl+Shift+P to open the command palette',
  'Last synced 5 minutes ago from the office network',
  'The certificate for api.example.com expired on March 3',
  'Install the update now or schedule it for tonight',
  'Memory usage is above 90 percent on worker node 4',
  'Invite your team members to collaborate on this project',
  'Two factor authentication is required for admin accounts'
]
const CHINESE_SIDEBAR = ['收件箱', '草稿箱', '已发送', '归档', '设置', '帮助中心']
const CHINESE = [
  '数据库连接超时，请稍后重试',
  '无法连接到服务器，请检查网络设置',
  '上传文件失败：文件大小超过限制',
  '您的更改已保存到云端',
  '请输入有效的电子邮件地址',
  '系统将在今晚十点进行维护升级',
  '当前账户余额不足，请及时充值',
  '已成功导出三百条记录到表格文件',
  '该功能仅对管理员开放',
  '验证码已发送至您的手机，请注意查收',
  '内存使用率超过百分之九十',
  '邀请团队成员一起协作完成这个项目'
]

export type Language = 'en' | 'zh'

export interface Screen {
  language: Language
  png: Buffer
  /**
   * Every line drawn, in reading order: row by row from the top, left to right within a row (a
   * sidebar item, then the main line beside it), the order the engine reports lines in.
   */
  expected: string[]
}

/** Screen `index` of a language: six main lines and the sidebar, rotated per screen. */
export async function renderScreen(language: Language, index: number): Promise<Screen> {
  const [all, sidebar] = language === 'en' ? [ENGLISH, ENGLISH_SIDEBAR] : [CHINESE, CHINESE_SIDEBAR]
  const lines = Array.from({ length: 6 }, (_, k) => all[(index * 5 + k * 2) % all.length])
  const png = await renderScreenshot({ width: 1920, height: 1080, lines, sidebar, fontSize: 18 })
  const rows = Math.max(sidebar.length, lines.length)
  const expected = Array.from({ length: rows }, (_, row) => [sidebar[row], lines[row]])
  return { language, png, expected: expected.flat().filter((line) => line !== undefined) }
}
