using System.Net;
using System.Text;
using Workflows.Hosting.Tests.Support;

namespace Workflows.Hosting.Tests.Api;

/// <summary>Issue 16 finding 11 on the Elsa API: a definition body naming a key twice, or escaping a lone surrogate, is a 400 naming it.</summary>
public sealed class StrictJsonApiTests
{
    [Theory]
    [InlineData("{\"model\":{\"definitionId\":\"a\",\"definitionId\":\"b\"}}", "twice")]
    [InlineData("{\"model\":{\"definitionId\":\"\\ud800\"}}", "surrogate")]
    public async Task A_save_with_bad_JSON_answers_400_with_the_reason(string body, string reason)
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(apiKey: StudioTestServer.ApiKey);

        using var response = await client.PostAsync("/elsa/api/workflow-definitions", new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Contains(reason, text);
        Assert.Empty(await server.Definitions.ListVersionsAsync("a", CancellationToken.None));
    }
}
