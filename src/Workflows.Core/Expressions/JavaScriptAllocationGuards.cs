using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Workflows.Core.Expressions;

/// <summary>
/// Jint charges memory per statement, so one built-in call whose result size comes from its arguments
/// (<c>'x'.repeat(2**28)</c>, a join of one large string many times) allocates it in full before any check. These
/// guards wrap those built-ins and refuse, with a RangeError naming the memory limit, a result that alone would pass
/// it. Binary buffers (ArrayBuffer, typed arrays, DataView, Atomics) are removed: expressions have no use for them and
/// their constructors allocate any size at once.
/// </summary>
internal static class JavaScriptAllocationGuards
{
    // Runs before the expression; what it wraps keeps the original in a closure the expression cannot reach.
    private const string Installer = """
        (function (limitBytes, joinedLength, jsonLength) {
          'use strict';
          var budget = Math.floor(limitBytes / 2), apply = Reflect.apply, define = Object.defineProperty;
          var S = String.prototype, A = Array.prototype, isRegExp = function (v) { return v instanceof RegExp; };
          function refuse(what, chars) {
            throw new RangeError(what + ' would make ' + chars + ' characters, over the JavaScript memory limit of ' + limitBytes +
              ' bytes (Workflows:JavaScript:MemoryLimitMegabytes)');
          }
          function wrap(target, name, guard) {
            var original = target[name];
            define(target, name, { value: function () { return guard(original, this, arguments); }, writable: true, configurable: true });
          }
          function count(n) { n = Math.floor(Number(n)); return n > 0 ? n : 0; }
          wrap(S, 'repeat', function (f, self, args) {
            var s = String(self), n = s.length * count(args[0]);
            if (n > budget) refuse('String.prototype.repeat', n);
            return apply(f, s, args);
          });
          ['padStart', 'padEnd'].forEach(function (name) {
            wrap(S, name, function (f, self, args) {
              var n = count(args[0]);
              if (n > budget) refuse('String.prototype.' + name, n);
              return apply(f, self, args);
            });
          });
          wrap(S, 'concat', function (f, self, args) {
            var n = String(self).length;
            for (var i = 0; i < args.length && n <= budget; i++) n += String(args[i]).length;
            if (n > budget) refuse('String.prototype.concat', n);
            return apply(f, self, args);
          });
          // The outer join measures its nested arrays too: the joins it makes of them (through toString) are not measured again.
          var joining = 0;
          wrap(A, 'join', function (f, self, args) {
            if (joining === 0) {
              var n = joinedLength(self, args[0] === undefined ? 1 : String(args[0]).length, budget);
              if (n < 0) throw new RangeError('Array.prototype.join would visit more than ' + (-n) + ' elements, over the JavaScript memory limit of ' +
                limitBytes + ' bytes (Workflows:JavaScript:MemoryLimitMegabytes)');
              if (n > budget) refuse('Array.prototype.join', n);
            }
            joining++;
            try { return apply(f, self, args); } finally { joining--; }
          });
          ['replace', 'replaceAll'].forEach(function (name) {
            wrap(S, name, function (f, self, args) {
              var s = String(self), pattern = args[0], replacement = args[1], total = s.length;
              if (typeof replacement === 'function') {
                var user = replacement;
                replacement = function () {
                  var r = String(apply(user, this, arguments));
                  total += r.length;
                  if (total > budget) refuse('String.prototype.' + name, total);
                  return r;
                };
                return apply(f, s, [pattern, replacement]);
              }
              var text = String(replacement), dollars = text.split('$').length - 1, each = text.length + dollars * s.length;
              var everywhere = name === 'replaceAll' || (isRegExp(pattern) && pattern.global);
              var matches = everywhere ? s.length + 1 : 1;
              if (s.length + matches * each > budget && everywhere)
                matches = isRegExp(pattern) ? (apply(S.match, s, [pattern]) || []).length : s.split(String(pattern)).length - 1;
              if (s.length + matches * each > budget) refuse('String.prototype.' + name, s.length + matches * each);
              return apply(f, s, [pattern, text]);
            });
          });
          var stringify = JSON.stringify;
          define(JSON, 'stringify', { writable: true, configurable: true, value: function (value, replacer, space) {
            var gap = typeof space === 'number' ? Math.min(10, count(space)) : typeof space === 'string' ? Math.min(10, space.length) : 0;
            var n = jsonLength(value, gap, budget);
            if (n < 0) throw new RangeError('JSON.stringify would visit more than ' + (-n) + ' values, over the JavaScript memory limit of ' +
              limitBytes + ' bytes (Workflows:JavaScript:MemoryLimitMegabytes)');
            if (n > budget) refuse('JSON.stringify', n);
            if (typeof replacer === 'function') {
              var user = replacer, total = n;
              replacer = function (key, v) {
                var r = apply(user, this, [key, v]);
                if (typeof r === 'string') total += r.length;
                if (total > budget) refuse('JSON.stringify', total);
                return r;
              };
            }
            return apply(stringify, JSON, [value, replacer, space]);
          } });
          ['ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
           'Uint16Array', 'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']
            .forEach(function (name) { delete globalThis[name]; });
        })
        """;

    // Parsed once per process: every evaluation installs the guards on its own engine.
    private static readonly Prepared<Acornima.Ast.Script> PreparedInstaller = Engine.PrepareScript(Installer);

    // Compiles Jint's and the guards' code paths once, outside any script's time limit: on a loaded machine the first
    // evaluation's JIT alone could otherwise use up the first real script's limit.
    private static readonly Lazy<bool> Warm = new(() =>
    {
        var engine = new Engine();
        Install(engine, 1 << 25, 1 << 20);
        engine.Evaluate("JSON.stringify({ a: [1, 'b'].join(','), c: 'x'.repeat(2).padEnd(3) + 'y'.concat('z').replace(/z/g, 'q') })");
        return true;
    });

    /// <summary>Compiles the guards once per process (see <see cref="Warm"/>).</summary>
    public static void WarmUp() => _ = Warm.Value;

    /// <summary>Installs the guards on a fresh engine, for <paramref name="limitBytes"/> per evaluation.</summary>
    public static void Install(Engine engine, long limitBytes, long maxVisits)
    {
        var installer = engine.Evaluate(PreparedInstaller);
        engine.Invoke(installer, (double)limitBytes,
            new Func<JsValue, double, double, double>((array, separator, budget) => JoinedLength(array, separator, budget, maxVisits)),
            new Func<JsValue, double, double, double>((value, gap, budget) => JsonLength.Measure(value, gap, budget, maxVisits)));
    }

    /// <summary>
    /// How many characters joining <paramref name="value"/> makes, nested arrays included (each visit counts again:
    /// that is how sharing amplifies), cycles counting nothing as in join itself; minus <paramref name="maxVisits"/> past that many elements. Stops once past
    /// <paramref name="budget"/>; iterative, so a deep array cannot exhaust the stack.
    /// </summary>
    private static double JoinedLength(JsValue value, double separator, double budget, long maxVisits)
    {
        if (value is not ObjectInstance root)
            return 0;
        var total = 0d;
        var visits = 0L;
        var path = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance) { root };
        var stack = new Stack<(ObjectInstance Array, ulong Index, ulong Length, double Separator)>();
        stack.Push((root, 0, Length(root), separator));
        while (stack.Count > 0 && total <= budget)
        {
            var (array, index, length, sep) = stack.Pop();
            if (index >= length)
            {
                path.Remove(array);
                continue;
            }
            stack.Push((array, index + 1, length, sep));
            if (index > 0) total += sep;
            if (++visits > maxVisits)
                return -maxVisits; // too many elements to walk (nested arrays shared many times): refused
            var element = array.Get(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (element is JsArray nested)
            {
                if (path.Add(nested))
                    stack.Push((nested, 0, Length(nested), 1));
            }
            else if (element.IsString())
                total += element.AsString().Length;
            else if (element.IsNumber() || element.IsBoolean() || element.IsBigInt())
                total += TypeConverter.ToString(element).Length;
            else if (element is ObjectInstance)
                total += 15; // "[object Object]"; a custom toString runs as script, under the per-statement count
        }
        return total;
    }

    private static ulong Length(ObjectInstance array) => (ulong)TypeConverter.ToLength(array.Get("length"));
}
