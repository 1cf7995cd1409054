// Names for GUIDs learned from the open logs: IME writes its policy lists and reports as JSON inside log
// lines, where an object's id key ("Id", "AppId", "ApplicationId", "PolicyId") comes with a name key
// ("Name", "DisplayName", "ApplicationName", "PolicyName"). One linear scan of the key/value pairs per
// record (escaped JSON inside JSON included): a name pairs with the last id key before it in the record.
import type { GuidName } from '../../../common/logs-insight.ts';

const PAIRS = /\\*"(Id|AppId|ApplicationId|PolicyId|ScriptId|Name|DisplayName|ApplicationName|AppName|PolicyName|ScriptName)\\*"\s*:\s*\\*"([^"\\]{1,300})/g;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_KEYS = new Set(['Id', 'AppId', 'ApplicationId', 'PolicyId', 'ScriptId']);

export class NameLearner {
  private readonly names = new Map<string, GuidName>();

  /** `kind`: what ids in this file are (an IME app log names apps). */
  add(message: string, kind: GuidName['kind'] = null): void {
    if (!message.includes('"')) return;
    let lastId: string | null = null;
    // An exec loop, as matchAll would find them (a pair never matches empty), without its per-call copies.
    PAIRS.lastIndex = 0;
    for (let m = PAIRS.exec(message); m; m = PAIRS.exec(message)) {
      const [, key, value] = m;
      if (ID_KEYS.has(key)) {
        lastId = GUID.test(value) ? value.toLowerCase() : null;
        continue;
      }
      if (!lastId || GUID.test(value)) continue;
      const name = value.trim();
      if (name && !this.names.has(lastId)) this.names.set(lastId, { id: lastId, name, source: 'log', kind: key.startsWith('Script') ? 'script' : kind });
      lastId = null;
    }
  }

  done(): GuidName[] {
    return [...this.names.values()];
  }
}
