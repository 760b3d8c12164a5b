import type { PlanInstruction } from '../../../../shared/wizard/playbook';

/** Exact things to do, in order: where, what, and the SQL or command to run (a plan's, or a step's). */
export function Instructions({ steps }: { steps: PlanInstruction[] }) {
  return (
    <ol className="ts-instructions">
      {steps.map((step, j) => (
        <li key={j}>
          {step.where && (
            <>
              <strong>{step.where}</strong>:{' '}
            </>
          )}
          {step.text}
          {step.sql && <pre aria-label="SQL">{step.sql}</pre>}
          {step.code && <pre aria-label={step.code.language}>{step.code.text}</pre>}
        </li>
      ))}
    </ol>
  );
}
