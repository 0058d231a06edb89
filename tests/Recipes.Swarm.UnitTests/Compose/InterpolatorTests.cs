using Recipes.Swarm.Compose;

namespace Recipes.Swarm.UnitTests.Compose;

public sealed class InterpolatorTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["SET"] = "value",
        ["EMPTY"] = "",
        ["PORT"] = "8080",
    };

    public static TheoryData<string, string> Substitutions => new()
    {
        { "plain text", "plain text" },
        { "${SET}", "value" },
        { "$SET", "value" },
        { "a-$SET-b", "a-value-b" },
        { "${SET}x${PORT}", "valuex8080" },
        { "${UNSET:-fallback}", "fallback" },
        { "${EMPTY:-fallback}", "fallback" },
        { "${SET:-fallback}", "value" },
        { "${UNSET-fallback}", "fallback" },
        { "${EMPTY-fallback}", "" },
        { "${SET:?must be set}", "value" },
        { "${EMPTY?only unset fails}", "" },
        { "${SET:+alt}", "alt" },
        { "${EMPTY:+alt}", "" },
        { "${EMPTY+alt}", "alt" },
        { "${UNSET:-${PORT}}", "8080" },
        { "${UNSET:-${ALSO_UNSET:-deep}}", "deep" },
        { "$$", "$" },
        { "$${SET}", "${SET}" },
        { "cost: $$5", "cost: $5" },
        { "Host(`${SET}`)", "Host(`value`)" },
    };

    [Theory]
    [MemberData(nameof(Substitutions))]
    public void Substitutes(string text, string expected)
    {
        var unset = new List<string>();
        Assert.Equal(expected, new Interpolator(Env).Substitute(text, unset));
        Assert.Empty(unset);
    }

    public static TheoryData<string, string> Errors => new()
    {
        { "${UNSET:?please set UNSET}", "required variable UNSET is not set: please set UNSET" },
        { "${EMPTY:?cannot be empty}", "required variable EMPTY is empty: cannot be empty" },
        { "${UNSET?needed}", "required variable UNSET is not set: needed" },
        { "${UNSET:?}", "required variable UNSET is not set" },
        { "${UNSET:?port ${PORT} needs it}", "required variable UNSET is not set: port 8080 needs it" },
        { "${", "unclosed '${'" },
        { "${SET", "unclosed '${'" },
        { "${}", "does not start with a variable name" },
        { "${1ABC}", "does not start with a variable name" },
        { "${SET:x}", "unknown modifier ':x'" },
        { "${SET#x}", "unknown modifier '#x'" },
        { "end $", "a '$' at the end" },
        { "exit code $?", "'$?'" },
        { "$1", "'$1'" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Reports_errors(string text, string expected)
    {
        var ex = Assert.Throws<InterpolationException>(() => new Interpolator(Env).Substitute(text, new List<string>()));
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("${NOPE}", "NOPE")]
    [InlineData("$NOPE/x", "NOPE")]
    [InlineData("${SET}${NOPE}", "NOPE")]
    public void Unset_variables_become_empty_and_are_reported(string text, string name)
    {
        var unset = new List<string>();
        var result = new Interpolator(Env).Substitute(text, unset);
        Assert.Equal([name], unset);
        Assert.DoesNotContain(name, result);
    }
}
