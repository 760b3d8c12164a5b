import {
  DEFAULT_PORTS,
  emptyProfileForm,
  profileFormSchema,
  type ProfileEngine,
  type ProfileForm,
  type ProfileFormInput,
  type ProfilePublic,
} from '../../../../shared/profiles/schema';

/**
 * What the form edits: the API's form input, but numbers kept as the text the user typed so a
 * wrong value is explained instead of silently dropped.
 */
export type ProfileDraft = Omit<Required<ProfileFormInput>, 'port' | 'timeouts' | 'password' | 'logPassword'> & {
  port: string;
  connectSeconds: string;
  querySeconds: string;
  password: string;
  logPassword: string;
};

export type DraftErrors = Partial<Record<string, string>>;

export function newDraft(canRemember: boolean, engine: ProfileEngine = 'sqlserver'): ProfileDraft {
  return fromForm({ ...emptyProfileForm(engine), rememberPassword: canRemember });
}

/** A saved profile in the form; passwords stay empty (empty = keep the saved one). */
export function draftOf(profile: ProfilePublic): ProfileDraft {
  if (profile.engine === 'demo') throw new Error('The built-in demo environment cannot be edited.');
  return fromForm({ ...profile, engine: profile.engine });
}

function fromForm(form: ProfileFormInput): ProfileDraft {
  const base = { ...emptyProfileForm(form.engine), ...form } as Required<ProfileFormInput>;
  const timeouts = base.timeouts ?? { connectSeconds: 15, querySeconds: 30 };
  return {
    name: base.name,
    customer: base.customer,
    role: base.role,
    notes: base.notes,
    engine: base.engine,
    host: base.host,
    port: String(base.port),
    instanceName: base.instanceName,
    database: base.database,
    auth: base.auth,
    domain: base.domain,
    encrypt: base.encrypt,
    trustServerCertificate: base.trustServerCertificate,
    serviceName: base.serviceName,
    connectString: base.connectString,
    schema: base.schema,
    user: base.user,
    logDatabase: base.logDatabase,
    logSchema: base.logSchema,
    logUser: base.logUser,
    mailbox: base.mailbox,
    smtpProvider: base.smtpProvider,
    hosting: base.hosting ?? 'self-managed',
    timeZone: base.timeZone ?? '',
    userExpiresAt: base.userExpiresAt ?? '',
    connectSeconds: String(timeouts.connectSeconds ?? 15),
    querySeconds: String(timeouts.querySeconds ?? 30),
    rememberPassword: base.rememberPassword,
    password: '',
    logPassword: '',
  };
}

/** Empty text stays a string so the schema says "must be a number" rather than accepting 0. */
function numberOf(text: string): number | string {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return '';
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/**
 * The request body for the API. Fields of the other engine are cleared so a profile never keeps
 * settings that do not apply to it; an empty password is left out (= keep the saved one).
 */
export function toInput(draft: ProfileDraft): ProfileFormInput {
  const { port, connectSeconds, querySeconds, password, logPassword, ...fields } = draft;
  const sql = draft.engine === 'sqlserver';
  return {
    ...fields,
    port: numberOf(port) as number,
    timeouts: { connectSeconds: numberOf(connectSeconds) as number, querySeconds: numberOf(querySeconds) as number },
    instanceName: sql ? fields.instanceName : '',
    database: sql ? fields.database : '',
    auth: sql ? fields.auth : 'sql',
    domain: sql && fields.auth === 'ntlm' ? fields.domain : '',
    logDatabase: sql ? fields.logDatabase : '',
    serviceName: sql ? '' : fields.serviceName,
    connectString: sql ? '' : fields.connectString,
    schema: sql ? '' : fields.schema,
    logSchema: sql ? '' : fields.logSchema,
    ...(password ? { password } : {}),
    ...(logPassword && fields.logUser ? { logPassword } : {}),
  };
}

/** Validates with the schema the API uses; errors keyed like the form's fields. */
export function validate(draft: ProfileDraft): { form?: ProfileForm; errors: DraftErrors } {
  const parsed = profileFormSchema.safeParse(toInput(draft));
  if (parsed.success) return { form: parsed.data, errors: {} };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const key = fieldKey(issue.path.map(String).join('.'));
    errors[key] ??= issue.message;
  }
  return { errors };
}

/** API paths to draft keys: `timeouts.connectSeconds` is edited as `connectSeconds`. */
export function fieldKey(path: string): string {
  return path.replace(/^profile\./, '').replace(/^timeouts\./, '');
}

/** Switching engine moves the port to the new engine's default when it was the old default. */
export function switchEngine(draft: ProfileDraft, engine: ProfileEngine): ProfileDraft {
  const port = draft.port === String(DEFAULT_PORTS[draft.engine]) || draft.port.trim() === '' ? String(DEFAULT_PORTS[engine]) : draft.port;
  return { ...draft, engine, port };
}
