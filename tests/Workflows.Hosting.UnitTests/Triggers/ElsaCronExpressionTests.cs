using Workflows.Hosting.Triggers.Scheduling;

namespace Workflows.Hosting.UnitTests.Triggers;

public class ElsaCronExpressionTests
{
    [Theory]
    [InlineData("0 0 2 * * *", "0 0 2 * * ?")]
    [InlineData("0 0 * * * *", "0 0 * * * ?")]
    [InlineData("* * * * * *", "* * * * * ?")]
    [InlineData("*/5 * * * * *", "*/5 * * * * ?")]
    [InlineData("0 30 9 * * 1-5", "0 30 9 ? * 2-6")]
    [InlineData("0 0 0 * * 0", "0 0 0 ? * 1")]
    [InlineData("0 0 0 * * 7", "0 0 0 ? * 1")]
    [InlineData("0 0 0 * * 0,6", "0 0 0 ? * 1,7")]
    [InlineData("0 0 0 * * 5#3", "0 0 0 ? * 6#3")]
    [InlineData("0 0 0 * * MON-FRI", "0 0 0 ? * MON-FRI")]
    [InlineData("0 0 12 1 * *", "0 0 12 1 * ?")]
    [InlineData("0 0 12 1,15 * *", "0 0 12 1,15 * ?")]
    public void Elsa_cron_becomes_the_equivalent_Quartz_cron(string elsa, string quartz) =>
        Assert.Equal(quartz, ElsaCronExpression.ToQuartz(elsa));

    [Theory]
    [InlineData("0 0 * * *", "has 5 fields")]
    [InlineData("0 0 12 1 * 1", "both day-of-month and day-of-week")]
    [InlineData("0 0 99 * * *", "is not valid")]
    [InlineData("0 0 0 * * 9", "is not valid")]
    [InlineData("", "has 0 fields")]
    public void Invalid_expressions_are_refused_naming_the_problem(string elsa, string problem)
    {
        var error = Assert.Throws<FormatException>(() => ElsaCronExpression.ToQuartz(elsa));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Daily_at_two_fires_at_two_utc()
    {
        var expression = new Quartz.CronExpression(ElsaCronExpression.ToQuartz("0 0 2 * * *"), TimeZoneInfo.Utc);
        var next = expression.GetNextValidTimeAfter(new DateTimeOffset(2026, 3, 1, 13, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero), next);
    }
}
