using Kiln.Builder.Appliances;
using Kiln.Builder.Packages;

namespace Kiln.Catalog.Tests.Support;

/// <summary>Catalog objects to store, and comparisons of what came back (definitions compare by their JSON).</summary>
internal static class Samples
{
    public static NewUser User(string login) =>
        new(login, login + "@example.com", "pbkdf2$" + login, "key-" + login, "secret-" + login, ["user"]);

    public static ApplianceDefinition Definition(string name = "web", int diskSize = 4096) => new()
    {
        Name = name,
        Version = "1.2",
        Description = "A small web server",
        Os = new OsProfileSpec { Distribution = "debian", Release = "12", Profile = "minimal", Packages = ["nginx-light", "jq"] },
        InstallProfile = new InstallProfile
        {
            DiskSize = diskSize,
            SwapSize = 256,
            Hostname = name,
            Timezone = "Europe/Paris",
            RootUser = new RootUser { Password = "$6$salt$hash" },
            Users = [new UserAccount { Name = "ops", Sudo = true, SshKeys = ["ssh-ed25519 AAAA ops@example"] }],
        },
        BootScripts = [new BootScript { Name = "seed", Type = "firstboot", Script = "echo hello > /var/lib/seed" }],
        Boot = "uefi",
    };

    public static NewImage Image(Appliance appliance, string format = "qcow2", bool compress = true) =>
        new(appliance.Owner, appliance.Id, format, format, compress, appliance.Definition);

    public static IReadOnlyList<PackageInfo> Packages { get; } =
    [
        new("nginx-light", "1.22.1-9", "amd64", "httpd", 1234, "nginx web/proxy server (basic version)"),
        new("jq", "1.6-2.1", "amd64", null, null, null),
    ];

    public static ImageArtefact Artefact(long imageId, string name = "web.qcow2.gz") =>
        new($"images/{imageId}/{name}", name, 123_456_789, new string('a', 64)) { VirtualSize = 2L * 1024 * 1024 * 1024 };

    public static string Json(ApplianceDefinition? definition) => definition is null ? "(none)" : ApplianceReader.Serialize(definition);

    public static void AssertSameUser(User expected, User? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Login, actual.Login);
        Assert.Equal(expected.Email, actual.Email);
        Assert.Equal(expected.PasswordHash, actual.PasswordHash);
        Assert.Equal(expected.ApiKey, actual.ApiKey);
        Assert.Equal(expected.ApiSecret, actual.ApiSecret);
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected.Active, actual.Active);
        Assert.Equal(expected.Stamp, actual.Stamp);
    }

    public static void AssertSameAppliance(Appliance expected, Appliance? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(Json(expected.Definition), Json(actual.Definition));
        Assert.Equal(expected.HasOsProfile, actual.HasOsProfile);
        Assert.Equal(expected.Stamp, actual.Stamp);
    }

    public static void AssertSameImage(Image expected, Image? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(expected.ApplianceId, actual.ApplianceId);
        Assert.Equal(expected.TargetFormat, actual.TargetFormat);
        Assert.Equal(expected.Format, actual.Format);
        Assert.Equal(expected.Compress, actual.Compress);
        Assert.Equal(Json(expected.Definition), Json(actual.Definition));
        Assert.Equal(expected.JobId, actual.JobId);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Artefact, actual.Artefact);
        Assert.Equal(expected.Packages, actual.Packages);
        Assert.Equal(expected.Stamp, actual.Stamp);
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.Label.Name, actual.Label.Name);
        Assert.Equal(expected.Label.Description, actual.Label.Description);
        Assert.Equal(expected.Label.Properties.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Label.Properties.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    public static NewImport Import(string owner, string name = "imported") =>
        new(owner, "http://images.example/debian.qcow2", new ImageLabel(name, "from the web", new Dictionary<string, string> { ["origin"] = "test" }));
}
