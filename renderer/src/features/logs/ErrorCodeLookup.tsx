// A box to look up any code the technician types or reads elsewhere: HRESULT (0x87D1041C), its signed
// decimal (-2016345060), a Win32 code (5) or an Intune code, from main's table.
import { useState, type FormEvent } from 'react';
import type { ErrorCodeInfo } from '../../../../electron/common/logs.ts';
import { call } from '../../api.ts';

export function ErrorCodeLookup() {
  const [code, setCode] = useState('');
  const [answer, setAnswer] = useState<{ code: string; info: ErrorCodeInfo | null } | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = code.trim();
    if (!typed) return setAnswer(null);
    void call('logsLookupCode', { code: typed.slice(0, 64) })
      .then((info) => setAnswer({ code: typed, info }))
      .catch(() => setAnswer({ code: typed, info: null }));
  };
  return (
    <form className="code-lookup" onSubmit={submit} role="search" aria-label="Look up an error code">
      <input placeholder="Error code, e.g. 0x87D1041C" aria-label="Error code to look up" value={code} onChange={(e) => setCode(e.target.value)} />
      <button type="submit">Look up</button>
      <span className="code-answer" role="status" aria-live="polite">
        {answer &&
          (answer.info ? (
            <>
              <code>{answer.info.code}</code> <strong>{answer.info.name}</strong> — {answer.info.meaning}
            </>
          ) : (
            `“${answer.code}” is not a code this app knows (HRESULT like 0x80070005, its decimal, or a Win32 number).`
          ))}
      </span>
    </form>
  );
}
