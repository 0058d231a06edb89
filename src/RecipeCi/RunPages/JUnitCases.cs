using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace RecipeCi.RunPages;

/// <summary>Reads the test cases back from a run's JUnit XML report (as <c>JUnitReportWriter</c> writes it).</summary>
public static class JUnitCases
{
    public static IReadOnlyList<RunPageTest> Parse(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
            return [];
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (XmlException)
        {
            return [new RunPageTest("report", "unreadable", 0, "The JUnit report could not be read.", xml.Length > 4000 ? xml[..4000] : xml)];
        }
        return document.Descendants("testcase").Select(c =>
        {
            var failure = c.Element("failure") ?? c.Element("error");
            var output = c.Element("system-out")?.Value ?? failure?.Value ?? string.Empty;
            var outcome = failure is null ? (c.Element("skipped") is null ? "passed" : "skipped") : "failed";
            return new RunPageTest((string?)c.Attribute("name") ?? "?", outcome, Seconds((string?)c.Attribute("time")),
                (string?)failure?.Attribute("message"), output);
        }).ToList();
    }

    /// <summary>A property of the test suite (not of a test case), e.g. <c>recipeci.tests.trust</c>; null when absent or unreadable.</summary>
    public static string? SuiteProperty(string? xml, string name)
    {
        if (string.IsNullOrWhiteSpace(xml))
            return null;
        try
        {
            return XDocument.Parse(xml).Descendants("testsuite").Elements("properties").Elements("property")
                .Where(p => (string?)p.Attribute("name") == name).Select(p => (string?)p.Attribute("value")).FirstOrDefault();
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static double Seconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
}
