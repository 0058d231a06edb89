using System.Text;
using System.Text.Json.Nodes;
using Workflows.Core.Activities.BuiltIn;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Activities;

/// <summary>
/// DownloadHttpFile against a real HTTP server on 127.0.0.1, and WriteFileHttpResponse without an HTTP host (the
/// journal records the answer), from tests/fixtures/elsa-activities.
/// </summary>
public sealed class HttpFileActivityTests
{
    [Fact]
    public async Task DownloadHttpFile_keeps_the_file_with_its_name_tag_and_headers_and_continues_on_200_and_Done()
    {
        var test = new TestHost();
        await using var server = new LoopbackHttpServer();
        var result = await DownloadAsync(test, server.Url("report"));

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["file report-7.tar.gz application/gzip 512 bytes, tag \"v7\", build 42", "done"], test.Lines.Texts);
        var variables = JsonNode.Parse(result.VariablesJson)!;
        Assert.Equal(200, variables["Status"]!.GetValue<int>());
        Assert.Equal(LoopbackHttpServer.ReportBytes, Convert.FromBase64String(variables["File"]!["base64"]!.GetValue<string>()));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "report", "Bearer ci-token", "run-9"), (request.Method, request.Path, request.Authorization, request.RunHeader));
        var record = (await test.ExecutionsAsync(result.Id)).Single(e => e.ActivityType == "Elsa.DownloadHttpFile");
        Assert.Equal("[\"200\",\"Done\"]", record.OutcomesJson);
    }

    [Fact]
    public async Task DownloadHttpFile_sends_its_content_and_routes_an_unexpected_status_to_Unmatched_status_code()
    {
        await using var server = new LoopbackHttpServer();
        var test = new TestHost();
        var result = await DownloadAsync(test, server.Url("echo"), "POST", "build log");

        Assert.Equal(["unmatched 201", "done"], test.Lines.Texts);
        Assert.Equal(("POST", "build log"), (server.Requests[0].Method, server.Requests[0].Body));
        var file = JsonNode.Parse(result.VariablesJson)!["File"]!;
        Assert.Equal(("echo", "text/plain"), (file["filename"]!.GetValue<string>(), file["contentType"]!.GetValue<string>()));
        Assert.Equal("build log", Encoding.UTF8.GetString(Convert.FromBase64String(file["base64"]!.GetValue<string>())));

        var missing = new TestHost();
        await DownloadAsync(missing, server.Url("missing"));
        Assert.Equal(["unmatched 404", "done"], missing.Lines.Texts);
    }

    [Fact]
    public async Task DownloadHttpFile_takes_Failed_to_connect_without_a_server_or_a_whole_body_and_faults_on_a_file_over_its_limit()
    {
        var refused = new TestHost();
        var down = await DownloadAsync(refused, $"http://127.0.0.1:{TestKit.FreePort.Next()}/report");
        Assert.Equal(WorkflowSubStatus.Finished, down.SubStatus);
        Assert.Equal(["down"], refused.Lines.Texts);

        await using var server = new LoopbackHttpServer();
        var cut = new TestHost();
        await DownloadAsync(cut, server.Url("cut"));
        Assert.Equal(["down"], cut.Lines.Texts);

        var test = new TestHost();
        var result = await DownloadAsync(test, server.Url("big"));
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        Assert.Contains($"exceeds the {DownloadHttpFile.MaxFileBytes}-byte limit", result.IncidentsJson);
        Assert.Empty(test.Lines.Texts);
    }

    [Theory]
    [InlineData("report", "200 report-7.bin", "report-7.bin application/octet-stream \"build-7\" 8")]
    [InlineData("text", "200 notes.txt", "notes.txt text/plain  11")]
    [InlineData("both", "200 download.zip", "download.zip application/zip")]
    [InlineData("none", "204 no content", null)]
    public async Task WriteFileHttpResponse_without_an_HTTP_host_records_the_file_it_would_send(string kind, string message, string? file)
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("write-file-http-response.json"), new JsonObject { ["routeData"] = new JsonObject { ["kind"] = kind } });

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        var entry = (await test.JournalAsync(result.Id)).Single(e => e.EventName == "HttpFileResponse");
        Assert.Equal(message, entry.Message);
        var payload = entry.PayloadJson is null ? null : JsonNode.Parse(entry.PayloadJson);
        var described = payload is null ? null : $"{payload["filename"]} {payload["contentType"]} {payload["eTag"]} {payload["length"]}";
        if (kind == "both")
            Assert.StartsWith(file!, described); // the zip's size and hash tag are checked over HTTP
        else
            Assert.Equal(file, described);
    }

    [Fact]
    public async Task WriteFileHttpResponse_faults_with_what_to_pass_when_the_content_is_no_file()
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("write-file-http-response.json"), new JsonObject { ["routeData"] = new JsonObject { ["kind"] = "count" } });

        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        Assert.Contains("Content must be text, a file", result.IncidentsJson);
    }

    /// <summary>Runs download-http-file.json against <paramref name="url"/> (GET unless <paramref name="method"/> says).</summary>
    private static Task<WorkflowInstanceRecord> DownloadAsync(TestHost test, string url, string? method = null, string? body = null) =>
        test.RunAsync(ActivityFixtures.Read("download-http-file.json"), new JsonObject { ["Url"] = url, ["Method"] = method, ["Body"] = body });
}
