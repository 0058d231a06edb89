using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Workflows.Core.Expressions;

/// <summary>
/// Estimates how many characters <c>JSON.stringify</c> makes of a value before it runs (for
/// <see cref="JavaScriptAllocationGuards"/>): strings by length, numbers and literals by their text, arrays and objects
/// by their members, each visit again (that is how one large string shared many times amplifies), indentation per
/// depth. Iterative, so a deep value cannot exhaust the stack here; a cycle is not followed (stringify itself refuses
/// it). <c>toJSON</c> and getters are not run; their results are counted when a replacer sees them.
/// </summary>
internal static class JsonLength
{
    /// <summary>The estimate; stops once past <paramref name="budget"/>; minus <paramref name="maxVisits"/> past that many values.</summary>
    public static double Measure(JsValue value, double gap, double budget, long maxVisits)
    {
        var total = 0d;
        var visits = 0L;
        var path = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(JsValue Value, int Depth, bool Leaving)>();
        stack.Push((value, 0, false));
        while (stack.Count > 0 && total <= budget)
        {
            var (current, depth, leaving) = stack.Pop();
            if (leaving)
            {
                path.Remove((ObjectInstance)current);
                continue;
            }
            if (++visits > maxVisits)
                return -maxVisits;
            total += gap * depth;
            if (current is not ObjectInstance obj || current is Jint.Native.Function.Function)
            {
                total += Scalar(current);
                continue;
            }
            if (!path.Add(obj))
                continue;
            stack.Push((obj, depth, true));
            total += 2;
            if (obj is JsArray array)
            {
                var length = (ulong)TypeConverter.ToLength(array.Get("length"));
                for (ulong i = 0; i < length && total <= budget; i++, total++)
                    stack.Push((array.Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), depth + 1, false));
                continue;
            }
            foreach (var key in obj.GetOwnPropertyKeys(Types.String))
            {
                var descriptor = obj.GetOwnProperty(key);
                if (!descriptor.Enumerable)
                    continue;
                total += key.ToString().Length + 4;
                if (descriptor.IsDataDescriptor())
                    stack.Push((descriptor.Value ?? JsValue.Undefined, depth + 1, false));
                if (total > budget)
                    break;
            }
        }
        return total;
    }

    private static double Scalar(JsValue value) =>
        value.IsString() ? value.AsString().Length + 2
        : value.IsNumber() || value.IsBigInt() ? TypeConverter.ToString(value).Length
        : 5; // true, false, null; undefined and functions are left out or become null
}
