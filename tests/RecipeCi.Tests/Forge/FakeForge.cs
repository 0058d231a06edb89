using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TestKit;

namespace RecipeCi.Tests.Forge;

/// <summary>
/// The shared machinery of the forge fakes: a small ASP.NET app on a fixed loopback port that can be stopped (the
/// forge is down: connections are refused) and started again on the same port, recording every commit status and
/// comment it accepted. Each forge's routes and rules, written from its documented API, live in its subclass.
/// </summary>
public abstract class FakeForge : IAsyncDisposable
{
    public const string Token = "forge-test-token";

    private readonly int _port = FreePort.Next();
    private WebApplication? _app;

    /// <summary>The base URL recipeci's <c>Forge:Url</c> points at.</summary>
    public Uri Url => new($"http://127.0.0.1:{_port}");

    /// <summary>Statuses accepted, in arrival order.</summary>
    public ConcurrentQueue<ReceivedStatus> Statuses { get; } = new();

    /// <summary>Pull request comments accepted, in arrival order.</summary>
    public ConcurrentQueue<ReceivedComment> Comments { get; } = new();

    /// <summary>Users the collaborator API confirms, per repository (<c>owner/name</c>).</summary>
    public ConcurrentDictionary<string, HashSet<string>> Collaborators { get; } = new();

    /// <summary>How many collaborator checks were asked.</summary>
    public int CollaboratorChecks => _collaboratorChecks;

    private int _collaboratorChecks;

    public bool IsUp => _app is not null;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        Map(app);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>The forge goes down: its port refuses connections until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>The statuses of one commit, oldest first.</summary>
    public IReadOnlyList<ReceivedStatus> StatusesOf(string sha) => Statuses.Where(s => s.Sha == sha).ToList();

    protected abstract void Map(WebApplication app);

    /// <summary>Both forges document a token in <c>Authorization</c>; anything else is 401.</summary>
    protected static bool Authorized(HttpContext context, params string[] schemes)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return schemes.Any(s => string.Equals(header, $"{s} {Token}", StringComparison.OrdinalIgnoreCase));
    }

    protected bool IsCollaborator(string repository, string login)
    {
        Interlocked.Increment(ref _collaboratorChecks);
        return Collaborators.TryGetValue(repository, out var users) && users.Contains(login);
    }

    protected static async Task<JsonObject?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A commit status as the forge stored it.</summary>
public sealed record ReceivedStatus(string Repository, string Sha, string State, string Context, string? Description, string? TargetUrl);

/// <summary>A pull request comment as the forge stored it.</summary>
public sealed record ReceivedComment(string Repository, int Number, string Body);
