/** Chosen members as dismissible tags (users and groups), e.g. the Primary admins to appoint. */
import { Tag, TagGroup } from '@fluentui/react-components';
import { useStrings } from '../i18n.ts';

export interface ChosenMember {
  type: 'user' | 'group';
  id: string;
  displayName: string;
}

export function MemberTags({
  members,
  label,
  onRemove,
}: {
  members: readonly ChosenMember[];
  label: string;
  onRemove?: (id: string) => void;
}) {
  const strings = useStrings();
  if (members.length === 0) return null;
  return (
    <TagGroup
      aria-label={label}
      onDismiss={onRemove ? (_, data) => onRemove(String(data.value)) : undefined}
    >
      {members.map((m) => (
        <Tag
          key={m.id}
          value={m.id}
          dismissible={Boolean(onRemove)}
          dismissIcon={
            onRemove ? { 'aria-label': strings.members.remove(m.displayName) } : undefined
          }
          secondaryText={m.type === 'group' ? strings.members.group : undefined}
        >
          {m.displayName}
        </Tag>
      ))}
    </TagGroup>
  );
}
