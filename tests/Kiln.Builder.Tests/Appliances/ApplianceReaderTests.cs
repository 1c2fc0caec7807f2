using Kiln.Builder.Appliances;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class ApplianceReaderTests
{
    [Fact]
    public async Task The_example_parses_with_every_field()
    {
        var web = await ApplianceReader.ReadFileAsync(RepositoryFiles.Path("examples/web.json"), CancellationToken.None);

        Assert.Equal(("web", "1.0", "bios"), (web.Name, web.Version, web.Boot));
        Assert.Equal(["nginx-light", "jq"], web.Os.Packages);
        Assert.Equal((2048, 256, 512), (web.InstallProfile.DiskSize, web.InstallProfile.SwapSize, web.InstallProfile.MemorySize));
        Assert.Equal(("Europe/Paris", "fr"), (web.InstallProfile.Timezone, web.InstallProfile.Keyboard));
        var ops = Assert.Single(web.InstallProfile.Users);
        Assert.True(ops.Sudo);
        Assert.Single(ops.SshKeys);
        Assert.Equal(["firstboot", "everyboot"], web.BootScripts.Select(s => s.Type));
    }

    [Fact]
    public void Missing_fields_keep_their_defaults()
    {
        var appliance = ApplianceReader.Parse("""{ "name": "x", "os": { "distribution": "debian", "release": "12" } }""");

        Assert.Equal(("1.0", "bios", "x86_64", "minimal"), (appliance.Version, appliance.Boot, appliance.Os.Arch, appliance.Os.Profile));
        Assert.Equal((2048, 0, 1024, 1), (appliance.InstallProfile.DiskSize, appliance.InstallProfile.SwapSize,
            appliance.InstallProfile.MemorySize, appliance.InstallProfile.CpuCount));
        Assert.Null(appliance.InstallProfile.RootUser.Password);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_accepted()
    {
        var appliance = ApplianceReader.Parse("{ // the name\n \"name\": \"x\", }");

        Assert.Equal("x", appliance.Name);
    }

    [Fact]
    public void An_unknown_top_level_field_is_an_error_naming_it()
    {
        var error = Assert.Throws<ApplianceValidationException>(() => ApplianceReader.Parse("""{ "name": "x", "colour": "red" }"""));

        var only = Assert.Single(error.Errors);
        Assert.Equal("colour", only.Field);
        Assert.Equal("unknown field 'colour' (check its spelling)", only.Message);
    }

    [Fact]
    public void An_unknown_nested_field_is_named_by_its_path()
    {
        var error = Assert.Throws<ApplianceValidationException>(() => ApplianceReader.Parse("""{ "installProfile": { "diskSiz": 4096 } }"""));

        Assert.Equal("installProfile.diskSiz", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var error = Assert.Throws<ApplianceValidationException>(() => ApplianceReader.Parse("""{ "Name": "x" }"""));

        Assert.Equal("unknown field 'Name' (check its spelling)", Assert.Single(error.Errors).Message);
    }

    [Theory]
    [InlineData("""{ "installProfile": { "diskSize": "big" } }""", "installProfile.diskSize")]
    [InlineData("""{ "os": { "packages": [ 1 ] } }""", "os.packages[0]")]
    [InlineData("""{ "installProfile": { "users": [ { "sudo": "yes" } ] } }""", "installProfile.users[0].sudo")]
    public void A_value_of_the_wrong_type_names_its_field(string json, string field)
    {
        var error = Assert.Throws<ApplianceValidationException>(() => ApplianceReader.Parse(json));

        var only = Assert.Single(error.Errors);
        Assert.Equal(field, only.Field);
        Assert.StartsWith("has the wrong type or value", only.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "installProfile": { "hostname": null } }""", "installProfile.hostname")]
    [InlineData("""{ "os": null }""", "os")]
    [InlineData("""{ "name": null }""", "name")]
    [InlineData("""{ "os": { "packages": null } }""", "os.packages")]
    [InlineData("""{ "installProfile": { "rootUser": null } }""", "installProfile.rootUser")]
    [InlineData("""{ "installProfile": { "users": [ { "name": null } ] } }""", "installProfile.users[0].name")]
    [InlineData("""{ "bootScripts": [ { "name": "s", "script": null } ] }""", "bootScripts[0].script")]
    public void A_null_for_a_field_that_cannot_be_null_is_an_error_naming_its_path(string json, string field)
    {
        var error = Assert.Throws<ApplianceValidationException>(() => ApplianceReader.Parse(json));

        Assert.Equal(field, Assert.Single(error.Errors).Field);
    }

    [Theory]
    [InlineData("""{ "installProfile": { "hostname": null } }""")]
    [InlineData("""{ "os": null }""")]
    public void A_null_for_a_field_that_cannot_be_null_says_it_must_not_be_null(string json)
    {
        var error = Assert.Throws<ApplianceValidationException>(() => ApplianceReader.Parse(json));

        var message = Assert.Single(error.Errors).Message;
        Assert.Equal("must not be null (omit the field to use its default)", message);
        Assert.DoesNotContain("Kiln", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_is_accepted_where_the_field_is_optional()
    {
        var appliance = ApplianceReader.Parse("""
            { "name": "x", "description": null,
              "installProfile": { "kernelParameters": null, "welcomeMsg": null, "rootUser": { "password": null },
                                  "users": [ { "name": "ops", "fullName": null, "password": null } ] } }
            """);

        Assert.Null(appliance.Description);
        Assert.Null(appliance.InstallProfile.KernelParameters);
        Assert.Null(appliance.InstallProfile.Users[0].FullName);
    }

    [Fact]
    public void Malformed_json_says_so_with_its_line()
    {
        var error = Assert.Throws<ApplianceValidationException>(() => ApplianceReader.Parse("{\n  \"name\": \n}"));

        Assert.StartsWith("is not valid JSON at line 3", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_document_is_an_error()
    {
        var error = Assert.Throws<ApplianceValidationException>(() => ApplianceReader.Parse("null"));

        Assert.Contains("empty", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_an_error_naming_the_path()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("nope.json");

        var error = await Assert.ThrowsAsync<ApplianceValidationException>(() => ApplianceReader.ReadFileAsync(path, CancellationToken.None));

        Assert.Equal("appliance", Assert.Single(error.Errors).Field);
        Assert.Contains(path, error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_then_Parse_gives_back_the_same_definition()
    {
        var original = SampleAppliances.Valid(new InstallProfile
        {
            Hostname = "h", Users = [new UserAccount { Name = "ops", Sudo = true, Groups = ["adm"] }], KernelParameters = "quiet",
        }, [new BootScript { Name = "s", Type = "everyboot", Script = "true" }], boot: "uefi");

        var json = ApplianceReader.Serialize(original);
        var copy = ApplianceReader.Parse(json);

        Assert.Contains("\"installProfile\"", json, StringComparison.Ordinal);
        Assert.Equal(json, ApplianceReader.Serialize(copy));
        Assert.Equal(("uefi", "quiet", "adm"), (copy.Boot, copy.InstallProfile.KernelParameters, copy.InstallProfile.Users[0].Groups[0]));
    }
}
