using Recipes.Swarm.Compose;

namespace Recipes.Swarm.UnitTests.Compose;

public sealed class DurationAndSizeTests
{
    [Theory]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("10s", 10_000)]
    [InlineData("0", 0)]
    [InlineData("2h1m1s", 7_261_000)]
    public void Parses_go_durations(string text, long milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("1m 30s")]
    [InlineData("s")]
    [InlineData("1d")]
    public void Rejects_bad_durations(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Theory]
    [InlineData("512M", 512L * 1024 * 1024)]
    [InlineData("1g", 1024L * 1024 * 1024)]
    [InlineData("100kb", 100L * 1024)]
    [InlineData("1024", 1024L)]
    public void Parses_sizes(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var value));
        Assert.Equal(bytes, value);
    }
}
