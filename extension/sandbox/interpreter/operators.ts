import type { BinaryOperator } from 'acorn';
import { ScriptRuntimeError } from '../../protocol/errors.ts';
import type { Meter, Position } from './budget.ts';
import { arrayIndex } from './members.ts';
import {
  Capability, checkCompared, isPrimitive, looseEquals, ScriptArray, ScriptObject, strictEquals, TooLarge, toNumber, toStr, type Value,
} from './values.ts';

/** Concatenations shorter than this are not charged to the allocation budget (ropes make them cheap). */
const FREE_CONCAT = 1024;

function text(value: Value, meter: Meter, at: Position): string {
  try {
    return toStr(value, meter.budgets.stringLength);
  } catch (error) {
    if (error instanceof TooLarge) throw meter.exceeded('stringLength', at);
    throw error;
  }
}

export function concat(parts: Value[], meter: Meter, at: Position): string {
  let out = '';
  for (const part of parts) {
    const piece = text(part, meter, at);
    if (out.length + piece.length > meter.budgets.stringLength) throw meter.exceeded('stringLength', at);
    out += piece;
  }
  if (out.length >= FREE_CONCAT) meter.allocate(out.length, at);
  return out;
}

/** ToPrimitive: a value that stands for one (a date) gives it; other objects their text (no script code runs). */
function primitive(value: Value, hint: 'number' | 'default', meter: Meter, at: Position): Value {
  if (isPrimitive(value)) return value;
  if (value instanceof Capability && value.primitive) return value.primitive(hint);
  return text(value, meter, at);
}

/** Binary operators over our values; objects never run script or host code when converted. */
export function binary(op: BinaryOperator, a: Value, b: Value, meter: Meter, at: Position): Value {
  switch (op) {
    case '+': {
      const pa = primitive(a, 'default', meter, at);
      const pb = primitive(b, 'default', meter, at);
      if (typeof pa === 'string' || typeof pb === 'string') return concat([pa, pb], meter, at);
      return toNumber(pa) + toNumber(pb);
    }
    case '-': return toNumber(a) - toNumber(b);
    case '*': return toNumber(a) * toNumber(b);
    case '/': return toNumber(a) / toNumber(b);
    case '%': return toNumber(a) % toNumber(b);
    case '**': return toNumber(a) ** toNumber(b);
    case '&': return toNumber(a) & toNumber(b);
    case '|': return toNumber(a) | toNumber(b);
    case '^': return toNumber(a) ^ toNumber(b);
    case '<<': return toNumber(a) << toNumber(b);
    case '>>': return toNumber(a) >> toNumber(b);
    case '>>>': return toNumber(a) >>> toNumber(b);
    case '===': case '!==': case '==': case '!=': {
      checkCompared(a, b);
      const same = op === '===' || op === '!==' ? strictEquals(a, b) : looseEquals(a, b);
      return op === '===' || op === '==' ? same : !same;
    }
    case '<': case '>': case '<=': case '>=': {
      const pa = primitive(a, 'number', meter, at);
      const pb = primitive(b, 'number', meter, at);
      if (typeof pa === 'string' && typeof pb === 'string') {
        return op === '<' ? pa < pb : op === '>' ? pa > pb : op === '<=' ? pa <= pb : pa >= pb;
      }
      const x = toNumber(pa);
      const y = toNumber(pb);
      return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
    }
    case 'in': {
      if (b instanceof ScriptObject) return b.props.has(text(a, meter, at));
      if (b instanceof ScriptArray) {
        const key = typeof a === 'number' ? a : text(a, meter, at);
        if (key === 'length') return true;
        const i = arrayIndex(key);
        return i !== undefined && i < b.items.length;
      }
      throw new ScriptRuntimeError('`in` needs an object or an array on its right');
    }
    case 'instanceof':
      // Evaluated by the interpreter (instance-of.ts), which knows the built-ins' own values.
      throw new ScriptRuntimeError('`instanceof` is evaluated by the interpreter');
  }
}
