/** An invitation's status cell: Pending or Expired, and the day it expires or expired. */
import { Badge, Caption1 } from '@fluentui/react-components';
import { useStrings } from '../i18n.ts';
import { formatDate } from '../format.ts';
import { useSharedStyles } from '../components/styles.ts';

export function InvitationStatus({ expired, expiresAt }: { expired: boolean; expiresAt: string }) {
  const strings = useStrings();
  const t = strings.invitations;
  const styles = useSharedStyles();
  return (
    <>
      <Badge appearance="tint" color={expired ? 'danger' : 'warning'}>
        {expired ? t.expired : t.pending}
      </Badge>
      <Caption1 className={styles.sub}>
        {(expired ? t.expiredOn : t.expiresOn)(formatDate(expiresAt, strings))}
      </Caption1>
    </>
  );
}
