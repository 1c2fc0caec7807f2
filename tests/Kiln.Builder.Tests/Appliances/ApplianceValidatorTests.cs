using Kiln.Builder.Appliances;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class ApplianceValidatorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _zoneInfo;

    public ApplianceValidatorTests() => _zoneInfo = SampleAppliances.FakeZoneInfo(_temp);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_example_is_valid()
    {
        var web = await ApplianceReader.ReadFileAsync(RepositoryFiles.Path("examples/web.json"), CancellationToken.None);

        Assert.Empty(ApplianceValidator.Validate(web, ["qcow2", "ova"], zoneInfoRoot: _zoneInfo));
        Assert.Empty(ApplianceValidator.Validate(web, ["qcow2", "ova"])); // against this machine's zoneinfo
    }

    [Theory]
    [InlineData("ubuntu", "12", "minimal", "x86_64", "os.distribution", "unknown distribution 'ubuntu'")]
    [InlineData("", "12", "minimal", "x86_64", "os.distribution", "is required")]
    [InlineData("debian", "11", "minimal", "x86_64", "os.release", "unknown release '11' of debian")]
    [InlineData("debian", "bookworm", "desktop", "x86_64", "os.profile", "unknown profile 'desktop'")]
    [InlineData("debian", "12", "minimal", "arm64", "os.arch", "unsupported architecture 'arm64'")]
    public void An_unsupported_os_names_the_os_field(string distribution, string release, string profile, string arch, string field, string message)
    {
        var errors = Validate(SampleAppliances.Valid(os: new OsProfileSpec { Distribution = distribution, Release = release, Profile = profile, Arch = arch }));

        var only = Assert.Single(errors);
        Assert.Equal(field, only.Field);
        Assert.Contains(message, only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_codename_profile_case_and_amd64_are_accepted()
    {
        var os = new OsProfileSpec { Distribution = "Debian", Release = "bookworm", Profile = "Standard", Arch = "amd64", Packages = ["nginx-light", "g++", "libc6.1"] };

        Assert.Empty(Validate(SampleAppliances.Valid(os: os)));
    }

    [Fact]
    public void Each_bad_package_name_is_reported_with_its_index()
    {
        var os = new OsProfileSpec { Distribution = "debian", Release = "12", Packages = ["jq", "Bad_Name", "x", "curl; rm -rf /"] };

        var errors = Validate(SampleAppliances.Valid(os: os));

        Assert.Equal(["os.packages[1]", "os.packages[2]", "os.packages[3]"], errors.Select(e => e.Field));
        Assert.Contains("'Bad_Name' is not a Debian package name", errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(960, 0, "bios", 961)]
    [InlineData(1216, 256, "bios", 1217)]
    [InlineData(961, 0, "uefi", 962)]
    public void A_disk_too_small_for_the_profile_says_how_much_is_needed(int diskSize, int swapSize, string boot, int needed)
    {
        var errors = Validate(SampleAppliances.Valid(Install(diskSize: diskSize, swapSize: swapSize), boot: boot));

        var only = Assert.Single(errors);
        Assert.Equal("installProfile.diskSize", only.Field);
        Assert.Contains($"{diskSize} MB is too small: at least {needed} MB", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_of_exactly_the_needed_size_is_accepted()
    {
        Assert.Empty(Validate(SampleAppliances.Valid(Install(diskSize: 961))));
    }

    [Fact]
    public void A_known_tree_size_replaces_the_profile_estimate()
    {
        var errors = ApplianceValidator.Validate(SampleAppliances.Valid(Install(diskSize: 1200)), ["qcow2"], 1000, _zoneInfo);

        Assert.Contains("at least 1357 MB", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_larger_than_a_fixed_vhd_allows_is_refused()
    {
        var errors = Validate(SampleAppliances.Valid(Install(diskSize: ApplianceValidator.MaxDiskSizeMiB + 1)));

        Assert.Equal("installProfile.diskSize", Assert.Single(errors).Field);
        Assert.Contains("exceeds the largest disk", errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-web")]
    [InlineData("web-")]
    [InlineData("web_1")]
    [InlineData("a..b")]
    [InlineData("")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example")]
    public void An_invalid_hostname_is_reported(string hostname)
    {
        Assert.Equal(["installProfile.hostname"], Validate(SampleAppliances.Valid(Install(hostname: hostname))).Select(e => e.Field));
    }

    [Theory]
    [InlineData("web")]
    [InlineData("web-01.example.com")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example")]
    public void A_valid_hostname_is_accepted(string hostname)
    {
        Assert.Empty(Validate(SampleAppliances.Valid(Install(hostname: hostname))));
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("../etc/passwd")]
    [InlineData("Europe/../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("Europe")]
    [InlineData("Europe/Paris ")]
    [InlineData("")]
    public void An_unknown_or_escaping_timezone_is_reported(string timezone)
    {
        var errors = Validate(SampleAppliances.Valid(Install(timezone: timezone)));

        Assert.Equal("installProfile.timezone", Assert.Single(errors).Field);
        Assert.Contains($"unknown time zone '{timezone}'", errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData("America/Argentina/Buenos_Aires")]
    public void A_timezone_with_a_zone_file_is_accepted(string timezone)
    {
        Assert.Empty(Validate(SampleAppliances.Valid(Install(timezone: timezone))));
    }

    [Theory]
    [InlineData("qwerty")]
    [InlineData("FR")]
    public void An_unknown_keyboard_layout_is_reported(string keyboard)
    {
        Assert.Equal(["installProfile.keyboard"], Validate(SampleAppliances.Valid(Install(keyboard: keyboard))).Select(e => e.Field));
    }

    [Fact]
    public void Invalid_reserved_and_duplicate_user_names_are_reported_per_user()
    {
        UserAccount[] users = [new() { Name = "Ops" }, new() { Name = "root" }, new() { Name = "ops" }, new() { Name = "ops" }, new() { Name = "9lives" }];

        var errors = Validate(SampleAppliances.Valid(Install(users: users)));

        Assert.Equal(
            [("installProfile.users[0].name", "'Ops' is not a valid user name"), ("installProfile.users[1].name", "'root' is reserved by the system"),
             ("installProfile.users[3].name", "'ops' is defined twice"), ("installProfile.users[4].name", "'9lives' is not a valid user name")],
            errors.Select(e => (e.Field, e.Message[..(e.Message.IndexOf(" (", StringComparison.Ordinal) is var i and >= 0 ? i : e.Message.Length)])));
    }

    [Fact]
    public void Bad_user_settings_are_each_reported_with_their_field()
    {
        var user = new UserAccount
        {
            Name = "ops", Password = "", FullName = "Ops: team", Shell = "bash", Groups = ["adm", "Wheel"],
            SshKeys = [SampleAppliances.EdKey, "ssh-ed25519 AAAA\nssh-rsa BBBB"],
        };

        var errors = Validate(SampleAppliances.Valid(Install(users: [user])));

        Assert.Equal(
            ["installProfile.users[0].password", "installProfile.users[0].fullName", "installProfile.users[0].shell",
             "installProfile.users[0].groups[1]", "installProfile.users[0].sshKeys[1]"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Bad_root_user_settings_are_reported()
    {
        var install = new InstallProfile
        {
            Hostname = "web", Timezone = "Etc/UTC",
            RootUser = new RootUser { Password = "", SshKeys = ["not a key", "ssh-rsa AAAAB3NzaC1yc2E= root@host"] },
        };

        var errors = Validate(SampleAppliances.Valid(install));

        Assert.Equal(["installProfile.rootUser.password", "installProfile.rootUser.sshKeys[0]"], errors.Select(e => e.Field));
        Assert.Contains("not an OpenSSH public key", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_sizes_and_a_multi_line_kernel_command_line_are_reported()
    {
        var install = new InstallProfile
        {
            DiskSize = 4096, SwapSize = -1, MemorySize = 64, CpuCount = 65, Hostname = "web", Timezone = "Etc/UTC", KernelParameters = "quiet\ninit=/bin/sh",
        };

        var errors = Validate(SampleAppliances.Valid(install));

        Assert.Equal(
            ["installProfile.swapSize", "installProfile.memorySize", "installProfile.cpuCount", "installProfile.kernelParameters"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Bad_boot_scripts_are_reported_by_index_and_field()
    {
        BootScript[] scripts =
        [
            new() { Name = "bad name", Type = "sometimes", Script = "  \n" },
            new() { Name = "seed", Type = "firstboot", Script = "true" },
            new() { Name = "seed", Type = "everyboot", Script = "true" },
            new() { Name = "", Type = "firstboot", Script = "true" },
        ];

        var errors = Validate(SampleAppliances.Valid(bootScripts: scripts));

        Assert.Equal(
            ["bootScripts[0].name", "bootScripts[0].type", "bootScripts[0].script", "bootScripts[2].name", "bootScripts[3].name"],
            errors.Select(e => e.Field));
        Assert.Contains("'seed' is defined twice", errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("use 'firstboot' or 'everyboot'", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_boot_mode_is_reported()
    {
        var errors = Validate(SampleAppliances.Valid(boot: "legacy"));

        Assert.Equal("boot", Assert.Single(errors).Field);
        Assert.Contains("'legacy' is not a boot mode", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_formats_are_each_reported_and_list_the_known_ones()
    {
        var errors = Validate(SampleAppliances.Valid(), "qcow2", "iso", "docker");

        Assert.Equal([("format", "unknown format 'iso'"), ("format", "unknown format 'docker'")],
            errors.Select(e => (e.Field, e.Message[..e.Message.IndexOf(';', StringComparison.Ordinal)])));
        Assert.Contains("raw, qcow2, vmdk, vdi, vhd, vhdx, ova, tar.gz", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_format_at_all_is_reported()
    {
        var errors = Validate(SampleAppliances.Valid(), []);

        Assert.Equal("format", Assert.Single(errors).Field);
        Assert.StartsWith("at least one format is required", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_name_and_version_are_reported()
    {
        var appliance = new ApplianceDefinition { Name = "", Version = "1 0", Os = SampleAppliances.Valid().Os, InstallProfile = Install() };

        var errors = Validate(appliance);

        Assert.Equal([("name", "is required"), ("version", "'1 0' must be 1-64 letters, digits, '.', '_' or '-'")], errors.Select(e => (e.Field, e.Message)));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_definition_order()
    {
        var appliance = SampleAppliances.Valid(
            new InstallProfile { DiskSize = 100, Hostname = "bad_host", Timezone = "Mars/Olympus", Keyboard = "qwerty", Users = [new() { Name = "root" }] },
            [new BootScript { Name = "x", Type = "never", Script = "true" }],
            boot: "efi",
            os: new OsProfileSpec { Distribution = "debian", Release = "12", Arch = "sparc" });

        var errors = Validate(appliance, "iso");

        Assert.Equal(
            ["os.arch", "installProfile.diskSize", "installProfile.hostname", "installProfile.timezone", "installProfile.keyboard",
             "installProfile.users[0].name", "bootScripts[0].type", "boot", "format"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void ThrowIfInvalid_throws_with_every_error_and_passes_a_valid_definition()
    {
        var error = Assert.Throws<ApplianceValidationException>(() =>
            ApplianceValidator.ThrowIfInvalid(SampleAppliances.Valid(boot: "efi"), ["iso"]));

        Assert.Equal(["boot", "format"], error.Errors.Select(e => e.Field));
        Assert.Contains("boot: 'efi' is not a boot mode", error.Message, StringComparison.Ordinal);
        ApplianceValidator.ThrowIfInvalid(SampleAppliances.Valid(), ["qcow2"]);
    }

    [Theory]
    [InlineData("ova")]
    [InlineData("OVA")]
    [InlineData(" ova ")]
    public void For_an_ova_a_name_and_version_longer_than_88_together_are_refused(string ova)
    {
        var appliance = new ApplianceDefinition
        {
            Name = new string('n', 64), Version = new string('1', 25), Os = SampleAppliances.Valid().Os, InstallProfile = Install(),
        };

        var errors = Validate(appliance, "qcow2", ova);

        var only = Assert.Single(errors);
        Assert.Equal("name", only.Field);
        Assert.Contains("at most 88 characters for an OVA (they are 89)", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_an_ova_a_name_and_version_of_88_together_are_accepted()
    {
        var appliance = new ApplianceDefinition
        {
            Name = new string('n', 64), Version = new string('1', 24), Os = SampleAppliances.Valid().Os, InstallProfile = Install(),
        };

        Assert.Empty(Validate(appliance, "ova"));
    }

    [Fact]
    public void Without_an_ova_long_names_and_versions_are_accepted()
    {
        var appliance = new ApplianceDefinition
        {
            Name = new string('n', 64), Version = new string('1', 64), Os = SampleAppliances.Valid().Os, InstallProfile = Install(),
        };

        Assert.Empty(Validate(appliance, "qcow2", "vmdk", "tar.gz"));
    }

    [Fact]
    public void At_most_99_boot_scripts_are_accepted()
    {
        static BootScript[] Scripts(int count) =>
            [.. Enumerable.Range(1, count).Select(i => new BootScript { Name = $"s{i}", Type = "firstboot", Script = "true" })];

        Assert.Empty(Validate(SampleAppliances.Valid(bootScripts: Scripts(ApplianceValidator.MaxBootScripts))));

        var errors = Validate(SampleAppliances.Valid(bootScripts: Scripts(100)));

        var only = Assert.Single(errors);
        Assert.Equal("bootScripts", only.Field);
        Assert.Equal("100 scripts; at most 99", only.Message);
    }

    [Theory]
    [InlineData("""{ "installProfile": { "users": [ null ] } }""", "installProfile.users[0]")]
    [InlineData("""{ "bootScripts": [ null ] }""", "bootScripts[0]")]
    [InlineData("""{ "installProfile": { "users": [ { "name": "ops", "groups": [ null ] } ] } }""", "installProfile.users[0].groups[0]")]
    [InlineData("""{ "installProfile": { "users": [ { "name": "ops", "sshKeys": [ null ] } ] } }""", "installProfile.users[0].sshKeys[0]")]
    [InlineData("""{ "installProfile": { "rootUser": { "sshKeys": [ null ] } } }""", "installProfile.rootUser.sshKeys[0]")]
    [InlineData("""{ "os": { "distribution": "debian", "release": "12", "packages": [ null ] } }""", "os.packages[0]")]
    public void A_null_list_element_read_from_json_is_an_error_naming_it(string json, string field)
    {
        var definition = Complete(json);

        var error = Assert.Throws<ApplianceValidationException>(() => ApplianceValidator.ThrowIfInvalid(definition, ["qcow2"]));

        var only = Assert.Single(error.Errors);
        Assert.Equal(field, only.Field);
        Assert.Equal(only, Assert.Single(Validate(definition)));
    }

    /// <summary>A definition read from JSON, valid but for what <paramref name="json"/> sets (merged one level deep).</summary>
    private static ApplianceDefinition Complete(string json)
    {
        var merged = System.Text.Json.Nodes.JsonNode.Parse("""
            { "name": "web", "os": { "distribution": "debian", "release": "12" }, "installProfile": { "hostname": "web", "timezone": "Etc/UTC" } }
            """)!.AsObject();
        foreach (var (name, value) in System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject().ToList())
        {
            if (value is System.Text.Json.Nodes.JsonObject inner && merged[name] is System.Text.Json.Nodes.JsonObject target)
                foreach (var (innerName, innerValue) in inner.ToList())
                    target[innerName] = innerValue?.DeepClone();
            else
                merged[name] = value?.DeepClone();
        }
        return ApplianceReader.Parse(merged.ToJsonString());
    }

    private List<ValidationError> Validate(ApplianceDefinition appliance) => Validate(appliance, "qcow2");

    private List<ValidationError> Validate(ApplianceDefinition appliance, params string[] formats) =>
        [.. ApplianceValidator.Validate(appliance, formats, zoneInfoRoot: _zoneInfo)];

    private static InstallProfile Install(int diskSize = 2048, int swapSize = 0, string hostname = "web", string timezone = "Etc/UTC",
        string keyboard = "us", IReadOnlyList<UserAccount>? users = null) => new()
    {
        DiskSize = diskSize, SwapSize = swapSize, Hostname = hostname, Timezone = timezone, Keyboard = keyboard, Users = users ?? [],
    };
}
