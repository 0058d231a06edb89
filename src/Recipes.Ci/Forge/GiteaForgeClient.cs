using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Recipes.Ci.Forge;

/// <summary>
/// Gitea and Forgejo's REST API (<c>{Forge:Url}/api/v1</c>, <c>Authorization: token ...</c>): create a commit status
/// (<c>POST /repos/{owner}/{repo}/statuses/{sha}</c>, 201), comment on a pull request
/// (<c>POST /repos/{owner}/{repo}/issues/{index}/comments</c>, 201) and check a collaborator
/// (<c>GET /repos/{owner}/{repo}/collaborators/{user}</c>, 204 yes, 404 no).
/// </summary>
public sealed class GiteaForgeClient : IForgeClient, IDisposable
{
    private readonly HttpClient _http;

    /// <param name="http">A client of <see cref="Http.RecipeCiHttpClients.Forge"/> (timeouts and retries are its handler's).</param>
    public GiteaForgeClient(ForgeOptions options, HttpClient http)
    {
        var baseUrl = options.Url!.ToString().TrimEnd('/') + "/api/v1/";
        _http = http;
        _http.BaseAddress = new Uri(baseUrl);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", options.Token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("recipeci", "1"));
    }

    public async Task PostStatusAsync(string repository, string sha, CommitStatusPost status, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["state"] = status.State,
            ["context"] = status.Context,
            ["description"] = status.Description,
            ["target_url"] = status.TargetUrl,
        };
        using var response = await _http.PostAsJsonAsync($"repos/{ForgeRepository.Escape(repository)}/statuses/{Uri.EscapeDataString(sha)}", body, cancellationToken);
        await EnsureAsync(response, "create a commit status", cancellationToken);
    }

    public async Task PostCommentAsync(string repository, int pr, string body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync($"repos/{ForgeRepository.Escape(repository)}/issues/{pr}/comments", new JsonObject { ["body"] = body }, cancellationToken);
        await EnsureAsync(response, "comment on a pull request", cancellationToken);
    }

    public async Task<bool> IsCollaboratorAsync(string repository, string login, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"repos/{ForgeRepository.Escape(repository)}/collaborators/{Uri.EscapeDataString(login)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        await EnsureAsync(response, "check a collaborator", cancellationToken);
        return true;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new ForgeException($"Gitea refused to {what}: {(int)response.StatusCode} {ForgeRepository.Clip(text)}", (int)response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
