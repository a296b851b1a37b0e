import { useTranslation } from 'react-i18next'
import type { Conversation } from '../../../../shared/types'
import { useApp } from '../../store/StoreProvider'
import { Menu, MenuItem, MenuSeparator, type MenuAnchor } from '../../ui/Menu'

/**
 * A conversation's actions: Rename, Pin/Unpin, Archive/Unarchive, Move to project, Export as Markdown or JSON, Delete (a ui/Menu: arrows
 * move, Enter picks, Esc or a click outside closes).
 */
export function ConversationMenu({
  conversation,
  anchor,
  labelledBy,
  onRename,
  onClose
}: {
  conversation: Conversation
  anchor: MenuAnchor
  /** The id of the button that opened it, if a button did. */
  labelledBy?: string
  onRename: () => void
  /** `refocus`: give focus back to where the menu was opened from (not after a click outside). */
  onClose: (refocus: boolean) => void
}) {
  const { t } = useTranslation()
  const setPinned = useApp((s) => s.setConversationPinned)
  const exportConversation = useApp((s) => s.exportConversation)
  const deleteConversation = useApp((s) => s.deleteConversation)
  const setArchived = useApp((s) => s.setConversationArchived)
  const openMoveDialog = useApp((s) => s.openMoveDialog)

  function run(action: () => void, refocus = true): void {
    onClose(refocus)
    action()
  }

  const { id, pinned, archived } = conversation
  return (
    <Menu
      anchor={anchor}
      labelledBy={labelledBy}
      label={t('sidebar.actionsFor', { title: conversation.title })}
      onClose={onClose}
    >
      <MenuItem icon="icon-rename" onSelect={() => run(onRename, false)}>
        {t('conversation.rename')}
      </MenuItem>
      <MenuItem
        icon={pinned ? 'icon-unpin' : 'icon-pin'}
        onSelect={() => run(() => void setPinned(id, !pinned))}
      >
        {pinned ? t('conversation.unpin') : t('conversation.pin')}
      </MenuItem>
      <MenuItem icon="icon-archive" onSelect={() => run(() => void setArchived(id, !archived))}>
        {archived ? t('conversation.unarchive') : t('conversation.archive')}
      </MenuItem>
      <MenuItem icon="icon-folder" onSelect={() => run(() => openMoveDialog(id), false)}>
        {t('projects.moveTo')}
      </MenuItem>
      <MenuSeparator />
      <MenuItem
        icon="icon-export"
        onSelect={() => run(() => void exportConversation(id, 'markdown'))}
      >
        {t('conversation.exportMarkdown')}
      </MenuItem>
      <MenuItem icon="icon-export" onSelect={() => run(() => void exportConversation(id, 'json'))}>
        {t('conversation.exportJson')}
      </MenuItem>
      <MenuSeparator />
      <MenuItem
        icon="icon-delete"
        danger
        onSelect={() => run(() => void deleteConversation(id), false)}
      >
        {t('conversation.delete')}
      </MenuItem>
    </Menu>
  )
}
