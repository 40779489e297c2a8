import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

const NUL = '\u0000';
const JSON_NUL = '\\u0000';

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL) || value.includes(JSON_NUL);
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object' && isPlain(value)) return Object.entries(value).some(([k, v]) => k.includes(NUL) || hasNul(v));
  return false;
}

function strip(value: unknown): unknown {
  if (typeof value === 'string') {
    const text = value.includes(NUL) ? value.replaceAll(NUL, '') : value;
    // JSON text bound for a jsonb column (historikk data): jsonb refuses the \u0000 escape too.
    if (text.includes(JSON_NUL) && /^\s*[[{]/.test(text)) {
      try {
        return JSON.stringify(strip(JSON.parse(text)));
      } catch {
        return text;
      }
    }
    return text;
  }
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object' && isPlain(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replaceAll(NUL, ''), strip(v)]));
  }
  return value;
}

class StripNulTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return hasNul(node.value) ? { ...node, value: strip(node.value) } : node;
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return node.values.some(hasNul) ? { ...node, values: node.values.map(strip) } : node;
  }
}

/**
 * PostgreSQL text cannot hold U+0000. The API refuses it from clients (plugins/input.plugin.ts);
 * text the service takes out of mail and documents (a subject, a sender's name, a file name) is
 * stored without it, in this one place every value passes on its way to the database.
 */
export class StripNulPlugin implements KyselyPlugin {
  readonly #transformer = new StripNulTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
