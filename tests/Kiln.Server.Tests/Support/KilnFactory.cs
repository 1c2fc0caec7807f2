using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kiln.Server.Tests.Support;

/// <summary>The whole service in process, on a data directory of its own, with a known admin password.</summary>
public class KilnFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-Pa55word";
    private readonly string _data = Directory.CreateTempSubdirectory("kiln-server-").FullName;

    public string DataDirectory => _data;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseSetting("Kiln:DataDirectory", _data);
        builder.UseSetting("Kiln:AdminPassword", AdminPassword);
    }

    public HttpClient ClientAs(string login, string password, string accept = "application/xml")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{password}")));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return client;
    }

    public HttpClient Admin(string accept = "application/xml") => ClientAs("admin", AdminPassword, accept);

    /// <summary>A user whose one role grants exactly <paramref name="entitlements"/>, made by the admin through the API.</summary>
    public async Task<HttpClient> UserWithAsync(string login, params string[] entitlements)
    {
        using var admin = Admin();
        var role = login + "-role";
        using var put = await Requests.SendAsync(admin, HttpMethod.Put, $"/api/roles/{role}",
            $"""<ns0:role xmlns:ns0="{ApiOnlyKilnFactory.Ns}"><name>{role}</name><entitlements>{string.Concat(entitlements.Select(e => $"<entitlement><name>{e}</name></entitlement>"))}</entitlements></ns0:role>""");
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var password = login + "-pw-123";
        using var created = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users",
            $"""<ns0:user xmlns:ns0="{ApiOnlyKilnFactory.Ns}"><loginName>{login}</loginName><password>{password}</password><roles><role><name>{role}</name></role></roles></ns0:user>""");
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return ClientAs(login, password);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // Machines outlive the service by design; a test's machines must not outlive the test.
        Kiln.Builder.Processes.LeftoverProcesses.KillAsync(_data, CancellationToken.None).GetAwaiter().GetResult();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }
}
