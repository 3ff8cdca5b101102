/**
 * The signed-in landing page: who the service thinks the caller is (`GET /api/me`), their
 * tenant and product roles, and the management pages they may open.
 */
import {
  Avatar,
  Badge,
  Body1,
  Caption1,
  Card,
  CardHeader,
  Link,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { Me } from '../api/client.ts';
import { useStrings, type Strings } from '../i18n.ts';
import type { PageProps } from '../page-props.ts';
import { FocusHeading, PageHeading } from '../components/PageHeading.tsx';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  paragraph: { margin: 0, maxWidth: '72ch', color: tokens.colorNeutralForeground2 },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalL },
  person: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  personText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  badges: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  features: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  featureLink: { fontWeight: tokens.fontWeightSemibold },
  feature: {
    height: '100%',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    borderTop: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
  },
});

function rolesOf(me: Me, strings: Strings): string[] {
  const roles: string[] = [];
  if (me.isGlobalAdmin) roles.push(strings.roles.globalAdmin);
  if (me.isRoomsProManager) roles.push(strings.roles.roomsProManager);
  return roles;
}

/** The landing page: who the service thinks the caller is, and where they can go from here. */
export function OverviewPage({ access, pages, links, focusHeading }: PageProps) {
  const me = access.me;
  const strings = useStrings();
  const styles = useStyles();
  const roles = rolesOf(me, strings);
  const features = pages
    .filter((id) => id !== 'overview')
    .map((id) => ({ id, title: strings.nav.pages[id], body: strings.features[id] }));
  return (
    <div className={styles.page}>
      <div className={styles.intro}>
        <PageHeading focusOnMount={focusHeading}>
          {strings.landing.welcome(me.displayName)}
        </PageHeading>
        <Body1 as="p" className={styles.paragraph}>
          {strings.landing.intro}
        </Body1>
      </div>

      <div className={styles.columns}>
        <Card className={styles.card} role="region" aria-labelledby="account-title">
          <Subtitle2 as="h2" id="account-title" className={styles.heading}>
            {strings.landing.accountTitle}
          </Subtitle2>
          <div className={styles.person}>
            <Avatar name={me.displayName} color="colorful" size={56} aria-hidden="true" />
            <div className={styles.personText}>
              <Text size={400} weight="semibold">
                {me.displayName}
              </Text>
              <Caption1 className={styles.term}>{me.userPrincipalName}</Caption1>
            </div>
          </div>
          <dl className={styles.facts}>
            <Fact term={strings.landing.tenant} value={me.tenantName} />
            <Fact term={strings.landing.tenantId} value={me.tenantId} mono />
            <Fact term={strings.landing.userId} value={me.userId} mono />
          </dl>
        </Card>

        <Card className={styles.card} role="region" aria-labelledby="roles-title">
          <Subtitle2 as="h2" id="roles-title" className={styles.heading}>
            {strings.landing.rolesTitle}
          </Subtitle2>
          {roles.length > 0 ? (
            <>
              <ul className={styles.badges} role="list">
                {roles.map((role) => (
                  <li key={role}>
                    <Badge appearance="filled" color="brand" size="large" shape="rounded">
                      {role}
                    </Badge>
                  </li>
                ))}
              </ul>
              <Body1 as="p" className={styles.paragraph}>
                {strings.landing.rolesAdminHint}
              </Body1>
            </>
          ) : (
            <Body1 as="p" className={styles.paragraph}>
              {strings.landing.noRoles}
            </Body1>
          )}
        </Card>
      </div>

      <section className={styles.section} aria-labelledby="next-title">
        <div className={styles.intro}>
          {/* A part of the page (its one h1 is the welcome), set as large as the title. */}
          <FocusHeading as="h2" size={600} id="next-title" className={styles.heading}>
            {strings.landing.nextTitle}
          </FocusHeading>
          <Body1 as="p" className={styles.paragraph}>
            {features.length > 0 ? strings.landing.nextIntro : strings.landing.nothingToManage}
          </Body1>
        </div>
        <ul className={styles.features} role="list">
          {features.map((feature) => (
            <li key={feature.id}>
              <Card className={styles.feature}>
                <CardHeader
                  header={
                    <Subtitle2 as="h3" className={styles.heading}>
                      {feature.title}
                    </Subtitle2>
                  }
                />
                <Body1 as="p" className={styles.paragraph}>
                  {feature.body}
                </Body1>
                <Link href={links.href(feature.id, null)} className={styles.featureLink}>
                  {strings.landing.open(feature.title)}
                </Link>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Fact({ term, value, mono = false }: { term: string; value: string; mono?: boolean }) {
  const styles = useStyles();
  return (
    <>
      <dt>
        <Caption1 className={styles.term}>{term}</Caption1>
      </dt>
      <dd className={mergeClasses(styles.value, mono && styles.mono)}>{value}</dd>
    </>
  );
}
