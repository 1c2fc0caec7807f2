using System.Text;
using Kiln.Builder.Appliances;
using Kiln.Catalog;
using Kiln.Server.UForgeApi;
using Kiln.Server.UForgeMapping;
using Kiln.Storage.Sqlite;
using Microsoft.AspNetCore.Http;
using Doc = Kiln.UForge;

namespace Kiln.Server.Tests;

/// <summary>
/// Kept image lists are sent again only while the catalog's images version is the one they were read at (two stores
/// on one database file stand for two processes); kept statuses only for the very status they were written from.
/// </summary>
public sealed class ImageDocumentCacheTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly ImageDocumentCache _documents = new();
    private readonly SqliteCatalogStore _catalog;
    private readonly SqliteCatalogStore _otherProcess;
    private int _reads;

    public ImageDocumentCacheTests()
    {
        _catalog = new SqliteCatalogStore(new SqliteDatabase(_database.Path));
        _otherProcess = new SqliteCatalogStore(new SqliteDatabase(_database.Path));
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_kept_list_is_sent_again_without_reading_while_nothing_changes()
    {
        var appliance = await ApplianceAsync();
        await GenerateAsync(appliance);

        var first = await ListAsync("/list");
        var second = await ListAsync("/list");

        Assert.Equal(1, _reads);
        Assert.Equal(first, second);
        Assert.Contains("<total>1</total>", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_committed_by_another_process_is_in_the_next_list()
    {
        var appliance = await ApplianceAsync();
        var image = await GenerateAsync(appliance);
        var before = await ListAsync("/list");

        await _otherProcess.UpdateImageStatusAsync(image.Id, new ImageStatus(ImageState.Generating, 40, "bootstrap"), default);
        var afterStatus = await ListAsync("/list");
        await _otherProcess.CreateImageAsync(new NewImage("alice", appliance.Id, "vhd", "vhd", true, appliance.Definition), default);
        var afterCreate = await ListAsync("/list");
        await _otherProcess.DeleteApplianceAsync("alice", appliance.Id, default);
        var afterDelete = await ListAsync("/list");

        Assert.Equal(4, _reads);
        Assert.Contains("<percentage>0</percentage>", before, StringComparison.Ordinal);
        Assert.Contains("<percentage>40</percentage>", afterStatus, StringComparison.Ordinal);
        Assert.Contains("<total>2</total>", afterCreate, StringComparison.Ordinal);
        Assert.Contains("<total>0</total>", afterDelete, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_committed_by_this_process_is_in_the_next_list()
    {
        var appliance = await ApplianceAsync();
        var image = await GenerateAsync(appliance);
        await ListAsync("/list");

        await _catalog.CompleteImageAsync(image.Id, null, [], default);

        Assert.Contains("<complete>true</complete>", await ListAsync("/list"), StringComparison.Ordinal);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Each_path_query_and_representation_has_a_list_of_its_own()
    {
        var appliance = await ApplianceAsync();
        await GenerateAsync(appliance);

        var xml = await ListAsync("/list");
        var other = await ListAsync("/other");
        var paged = await ListAsync("/list", "?count=0");
        var json = await ListAsync("/list", accept: "application/json");
        var xmlAgain = await ListAsync("/list");
        var jsonAgain = await ListAsync("/list", accept: "application/json");

        Assert.Equal(4, _reads);
        Assert.StartsWith("<?xml", xml, StringComparison.Ordinal);
        Assert.StartsWith("{", json, StringComparison.Ordinal);
        Assert.Equal(xml, xmlAgain);
        Assert.Equal(json, jsonAgain);
        Assert.Contains("<total>1</total>", other, StringComparison.Ordinal);
        Assert.DoesNotContain("<status>", paged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_kept_when_there_is_nothing_to_list()
    {
        var context = Request("/missing");

        Assert.Null(await _documents.GetListAsync(context, _catalog, () => { _reads++; return Task.FromResult<object?>(null); }));
        Assert.Null(await _documents.GetListAsync(context, _catalog, () => { _reads++; return Task.FromResult<object?>(null); }));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_status_is_written_anew_once_it_moves_and_each_representation_has_its_own()
    {
        var image = await GenerateAsync(await ApplianceAsync());

        var queued = await StatusAsync(image.Id);
        var queuedAgain = await StatusAsync(image.Id);
        var queuedJson = await StatusAsync(image.Id, "application/json");
        await _otherProcess.UpdateImageStatusAsync(image.Id, new ImageStatus(ImageState.Generating, 40, "bootstrap"), default);
        var generating = await StatusAsync(image.Id);

        Assert.Equal(queued, queuedAgain);
        Assert.Contains("<percentage>0</percentage>", queued, StringComparison.Ordinal);
        Assert.Contains("\"percentage\":0", queuedJson, StringComparison.Ordinal);
        Assert.Contains("<percentage>40</percentage>", generating, StringComparison.Ordinal);
        Assert.Contains("<message>bootstrap</message>", generating, StringComparison.Ordinal);
    }

    private async Task<string> StatusAsync(long imageId, string accept = "application/xml")
    {
        var context = Request("/status", accept: accept);
        var result = await _documents.GetStatusAsync(context, (await _catalog.GetImageStatusAsync("alice", imageId, default))!);
        return await BodyAsync(context, result);
    }

    private Task<Appliance> ApplianceAsync() =>
        _catalog.CreateApplianceAsync("alice", new ApplianceDefinition { Name = "web", Version = "1.0" }, true, default);

    private Task<Image> GenerateAsync(Appliance appliance) =>
        _catalog.CreateImageAsync(new NewImage("alice", appliance.Id, "qcow2", "qcow2", true, appliance.Definition), default);

    /// <summary>The status list of alice's images (paged by <c>count</c> when asked), through the cache, as the client gets it.</summary>
    private async Task<string> ListAsync(string path, string query = "", string accept = "application/xml")
    {
        var context = Request(path, query, accept);
        var result = await _documents.GetListAsync(context, _catalog, async () =>
        {
            _reads++;
            var images = await _catalog.ListImagesAsync("alice", null, default);
            var page = context.Request.Query.ContainsKey("count") ? [] : images;
            return new Doc.OpStatuses { Items = [.. page.Select(ImageMapping.ToStatus)], Total = images.Count };
        });
        return await BodyAsync(context, result!);
    }

    private static async Task<string> BodyAsync(HttpContext context, UForgeDocumentResult result)
    {
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    private static DefaultHttpContext Request(string path, string query = "", string accept = "application/xml")
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length > 0 ? query : null);
        context.Request.Headers.Accept = accept;
        return context;
    }
}
