using System.Globalization;
using System.Text;
using System.Xml;

namespace Recipes.Ci.Testing;

/// <summary>
/// Writes results as JUnit XML (the <c>testsuites/testsuite/testcase</c> shape CI systems read): a failed or
/// timed-out test gets a <c>failure</c> element with a message, a type and the output; every test keeps its
/// output in <c>system-out</c>. A warning case (<see cref="TestOutcome.Warning"/>) passes: JUnit has no warning
/// state, so it carries property <c>outcome=warning</c> and its text in <c>system-err</c>, which CI systems show. Written to a temporary file and renamed, so a reader never sees half a report.
/// </summary>
public static class JUnitReportWriter
{
    public static async Task WriteAsync(string path, string suiteName, IReadOnlyList<TestCaseResult> results, DateTimeOffset startedAt,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? properties = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using (var stream = File.Create(temp))
        await using (var xml = XmlWriter.Create(stream, settings))
        {
            var failures = results.Count(r => !r.Passed).ToString(CultureInfo.InvariantCulture);
            var total = Seconds(results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration));
            var count = results.Count.ToString(CultureInfo.InvariantCulture);

            await xml.WriteStartDocumentAsync();
            await xml.WriteStartElementAsync(null, "testsuites", null);
            Attributes(xml, ("name", suiteName), ("tests", count), ("failures", failures), ("errors", "0"), ("time", total));
            await xml.WriteStartElementAsync(null, "testsuite", null);
            Attributes(xml, ("name", suiteName), ("tests", count), ("failures", failures), ("errors", "0"), ("skipped", "0"),
                ("time", total), ("timestamp", startedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)));
            if (properties is { Count: > 0 })
            {
                await xml.WriteStartElementAsync(null, "properties", null);
                foreach (var (name, value) in properties)
                {
                    await xml.WriteStartElementAsync(null, "property", null);
                    Attributes(xml, ("name", name), ("value", value));
                    await xml.WriteEndElementAsync();
                }
                await xml.WriteEndElementAsync();
            }
            foreach (var result in results)
            {
                await xml.WriteStartElementAsync(null, "testcase", null);
                Attributes(xml, ("name", result.Name), ("classname", suiteName), ("time", Seconds(result.Duration)));
                if (result.Outcome == TestOutcome.Warning)
                {
                    await xml.WriteStartElementAsync(null, "properties", null);
                    await xml.WriteStartElementAsync(null, "property", null);
                    Attributes(xml, ("name", "outcome"), ("value", "warning"));
                    await xml.WriteEndElementAsync();
                    await xml.WriteEndElementAsync();
                    await xml.WriteElementStringAsync(null, "system-err", null, XmlSafe("warning: " + result.Output));
                }
                if (!result.Passed)
                {
                    await xml.WriteStartElementAsync(null, "failure", null);
                    Attributes(xml, ("message", result.Message), ("type", result.Outcome == TestOutcome.TimedOut ? "timeout" : "exit-code"));
                    await xml.WriteStringAsync(XmlSafe(result.Output));
                    await xml.WriteEndElementAsync();
                }
                await xml.WriteElementStringAsync(null, "system-out", null, XmlSafe(result.Output));
                await xml.WriteEndElementAsync();
            }
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
            await xml.WriteEndDocumentAsync();
            await xml.FlushAsync();
        }
        cancellationToken.ThrowIfCancellationRequested();
        File.Move(temp, path, overwrite: true);
    }

    private static void Attributes(XmlWriter xml, params (string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes) xml.WriteAttributeString(name, XmlSafe(value));
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    // Test output may hold control characters that XML 1.0 cannot carry; they are replaced, not allowed to break the report.
    private static string XmlSafe(string text) =>
        text.All(XmlConvert.IsXmlChar) ? text : new string(text.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD').ToArray());
}
