using Recipes.Swarm.Docker;

namespace Recipes.Swarm.UnitTests.Docker;

/// <summary>App names keep their rule and their error message (the rule is data in <c>NameRule</c>).</summary>
public sealed class AppNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("ci-hello-3f9a1c2e")]
    [InlineData("warm-keycloak")]
    [InlineData("a23456789012345678901234567890123456789012345678")]
    public void Accepts_lower_case_names_up_to_48_characters(string value)
    {
        Assert.True(AppName.TryParse(value, out var name));
        Assert.Equal(value, name.Value);
        Assert.Equal(value, name.ToString());
        Assert.Equal(AppName.Parse(value), name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1app")]
    [InlineData("Upper")]
    [InlineData("../etc")]
    [InlineData("a_b")]
    [InlineData("app\n")]
    [InlineData("a234567890123456789012345678901234567890123456789")]
    public void Rejects_other_names_saying_what_to_use(string value)
    {
        Assert.False(AppName.TryParse(value, out _));
        var error = Assert.Throws<ArgumentException>(() => AppName.Parse(value));
        Assert.Equal("value", error.ParamName);
        Assert.Equal(
            $"'{value}' is not a valid app name: use 1-48 lower-case letters, digits and dashes, starting with a letter. (Parameter 'value')",
            error.Message);
    }

    [Fact]
    public void Null_is_not_a_name() => Assert.False(AppName.TryParse(null, out _));
}
