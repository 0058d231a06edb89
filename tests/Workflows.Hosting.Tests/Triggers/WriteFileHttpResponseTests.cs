using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Workflows.Core.Persistence;
using Workflows.Hosting.Triggers.Http;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>
/// WriteFileHttpResponse answering real HTTP requests to a real server (Kestrel on 127.0.0.1, PostgreSQL), with the
/// definition from tests/fixtures/elsa-activities: GET /workflows/files/{kind} answers with the file of that kind.
/// </summary>
[Trait("Category", "Services")]
public sealed class WriteFileHttpResponseTests(PostgresTriggerServerFixture fixture) : IClassFixture<PostgresTriggerServerFixture>
{
    private static readonly byte[] Report = [0, 255, 16, 128, 127, 10, 13, 27];

    private TriggerTestServer Server => fixture.Server;

    [Fact]
    public async Task A_file_is_sent_as_a_named_attachment_with_its_type_tag_and_bytes()
    {
        using var client = await ClientAsync();
        using var response = await client.GetAsync("workflows/files/report");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("report-7.bin", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("\"build-7\"", response.Headers.ETag?.Tag);
        Assert.Equal(Report, await response.Content.ReadAsByteArrayAsync());
        var instance = await Server.Instances.FindAsync(Assert.Single(response.Headers.GetValues(HttpWorkflowRequestHandler.InstanceIdHeader)), CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, instance!.SubStatus);
    }

    [Fact]
    public async Task A_download_resumes_with_Range_and_If_Range_and_an_unchanged_tag_gets_304()
    {
        using var client = await ClientAsync();
        using var range = new HttpRequestMessage(HttpMethod.Get, "workflows/files/report");
        range.Headers.Range = new RangeHeaderValue(2, 5);
        range.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"build-7\""));
        using var partial = await client.SendAsync(range);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("bytes 2-5/8", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(Report[2..6], await partial.Content.ReadAsByteArrayAsync());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "workflows/files/report");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"build-7\""));
        using var unchanged = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Fact]
    public async Task Text_is_a_text_file_named_by_the_Filename_input()
    {
        using var client = await ClientAsync();
        using var response = await client.GetAsync("workflows/files/text");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("notes.txt", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("plain words", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Several_files_are_zipped_with_the_same_bytes_and_tag_on_every_request_and_none_is_204()
    {
        using var client = await ClientAsync();
        using var first = await client.GetAsync("workflows/files/both");
        using var second = await client.GetAsync("workflows/files/both");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/zip", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("download.zip", first.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        Assert.NotNull(first.Headers.ETag);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(["report-7.bin", "file.txt"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(Report, await ReadAsync(zip.Entries[0]));
        Assert.Equal("notes", Encoding.UTF8.GetString(await ReadAsync(zip.Entries[1])));

        using var none = await client.GetAsync("workflows/files/none");
        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        Assert.Empty(await none.Content.ReadAsByteArrayAsync());
    }

    private async Task<HttpClient> ClientAsync()
    {
        await Server.PublishAsync(File.ReadAllText(Path.Combine(TestKit.TestEnvironment.RepositoryRoot, "tests", "fixtures", "elsa-activities", "write-file-http-response.json")),
            "write-file-http-response.json");
        return Server.CreateClient();
    }

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry)
    {
        await using var stream = entry.Open();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
