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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }
}
