using System.Net;
using System.Xml.Linq;
using Kiln.Server.Tests.Support;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>
/// The collection query parameters on /cimi/machine_images: $filter (attributes, dates, properties, or/and,
/// parentheses, repeated), $select, $first/$last, $orderby; and the 400 a query Kiln cannot follow gets. One user
/// of its own with five images: alpha, bravo, charlie, delta (imports under way: CREATING) and echo (AVAILABLE, qcow2).
/// </summary>
public sealed class QueryTests : IClassFixture<QueryTests.FiveImages>
{
    private readonly FiveImages _images;

    public QueryTests(FiveImages images) => _images = images;

    [Theory]
    [InlineData("name='bravo'", "bravo")]
    [InlineData("name=\"bravo\"", "bravo")]
    [InlineData("'bravo'=name", "bravo")]
    [InlineData("name!='bravo'", "alpha,charlie,delta,echo")]
    [InlineData("name>'c'", "charlie,delta,echo")]
    [InlineData("state='AVAILABLE'", "echo")]
    [InlineData("state='CREATING'", "alpha,bravo,charlie,delta")]
    [InlineData("state!='AVAILABLE'", "alpha,bravo,charlie,delta")]
    [InlineData("type='IMAGE'", "alpha,bravo,charlie,delta,echo")]
    [InlineData("description='first'", "alpha")]
    [InlineData("created>2000-01-01T00:00:00Z", "alpha,bravo,charlie,delta,echo")]
    [InlineData("created>2000-01-01", "alpha,bravo,charlie,delta,echo")]
    [InlineData("created<2000-01-01T00:00:00Z", "")]
    [InlineData("created<=2999-12-31T23:59:59+02:00", "alpha,bravo,charlie,delta,echo")]
    [InlineData("property['format']='qcow2'", "echo")]
    [InlineData("property[\"tier\"]='gold'", "alpha,charlie")]
    [InlineData("property['tier']!='gold'", "bravo,delta,echo")]
    [InlineData("property['nothing']='x'", "")]
    [InlineData("name='alpha' or name='charlie'", "alpha,charlie")]
    [InlineData("name='alpha' or name='echo' and state='AVAILABLE'", "alpha,echo")]
    [InlineData("(name='alpha' or name='echo') and state='AVAILABLE'", "echo")]
    [InlineData("property['tier']='gold' and (name='charlie' or name='delta')", "charlie")]
    [InlineData("((name='delta'))", "delta")]
    [InlineData("colour='red'", "")]
    public async Task A_filter_keeps_the_images_that_match(string filter, string expected)
    {
        using var client = _images.Client();

        var list = (await GetAsync(client, "/cimi/machine_images?$filter=" + Uri.EscapeDataString(filter))).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(expected, string.Join(',', Names(list)));
        Assert.Equal(Names(list).Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Value(list, "count"));
    }

    [Fact]
    public async Task The_same_filter_works_in_JSON()
    {
        using var client = _images.Client();

        var list = (await GetAsync(client, "/cimi/machine_images?$filter=" + Uri.EscapeDataString("property['tier']='gold'"), Json))
            .Expect(HttpStatusCode.OK).Json;

        Assert.Equal(["alpha", "charlie"], list.GetProperty("machineImages").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(2, list.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task The_created_date_a_document_shows_filters_to_that_document()
    {
        using var client = _images.Client();
        var echo = Entries((await GetAsync(client, "/cimi/machine_images")).Expect(HttpStatusCode.OK).Xml).Single(e => Value(e, "name") == "echo");
        var created = Value(echo, "created")!;

        var equal = (await GetAsync(client, "/cimi/machine_images?$filter=" + Uri.EscapeDataString($"created={created} and name='echo'"))).Xml;
        var atLeast = (await GetAsync(client, "/cimi/machine_images?$filter=" + Uri.EscapeDataString($"created>={created}"))).Xml;
        var atMost = (await GetAsync(client, "/cimi/machine_images?$filter=" + Uri.EscapeDataString($"created<={created}"))).Xml;

        Assert.Equal(["echo"], Names(equal));
        Assert.Contains("echo", Names(atLeast));
        Assert.Contains("echo", Names(atMost));
    }

    [Fact]
    public async Task Repeated_filters_are_ANDed()
    {
        using var client = _images.Client();

        var list = (await GetAsync(client, "/cimi/machine_images?$filter=" + Uri.EscapeDataString("state='CREATING'")
            + "&$filter=" + Uri.EscapeDataString("property['tier']='gold'") + "&$filter=" + Uri.EscapeDataString("name!='alpha'"))).Xml;

        Assert.Equal(["charlie"], Names(list));
    }

    [Theory]
    [InlineData("name=", 6)]
    [InlineData("name", 5)]
    [InlineData("name='x' and", 13)]
    [InlineData("(name='x'", 1)]
    [InlineData("name='x')", 9)]
    [InlineData("name='unterminated", 6)]
    [InlineData("created>2024-13-45", 9)]
    [InlineData("name ~ 'x'", 6)]
    public async Task A_malformed_filter_answers_400_naming_the_position(string filter, int position)
    {
        using var client = _images.Client();

        foreach (var accept in new[] { Xml, Json })
        {
            var refused = (await GetAsync(client, "/cimi/machine_images?$filter=" + Uri.EscapeDataString(filter), accept)).Expect(HttpStatusCode.BadRequest);

            Assert.StartsWith("$filter: ", refused.ErrorMessage, StringComparison.Ordinal);
            Assert.EndsWith($"at position {position}", refused.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Select_keeps_only_the_attributes_named_in_each_entry_and_the_collection_s_own()
    {
        using var client = _images.Client();

        var list = (await GetAsync(client, "/cimi/machine_images?$select=name,state")).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(MachineImages, Value(list, "id"));
        Assert.Equal("5", Value(list, "count"));
        Assert.Equal("add", (string?)list.Element(Ns + "operation")?.Attribute("rel"));
        var entries = Entries(list);
        Assert.Equal(5, entries.Count);
        Assert.All(entries, e => Assert.Equal(new XName[] { Ns + "name", Ns + "state" }, e.Elements().Select(c => c.Name)));
    }

    [Fact]
    public async Task Select_in_JSON_keeps_each_entry_s_resourceURI()
    {
        using var client = _images.Client();

        var list = (await GetAsync(client, "/cimi/machine_images?$select=name,state", Json)).Expect(HttpStatusCode.OK).Json;

        Assert.All(list.GetProperty("machineImages").EnumerateArray(),
            e => Assert.Equal(["resourceURI", "name", "state"], e.EnumerateObject().Select(p => p.Name).ToArray()));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("name,*")]
    public async Task Select_star_keeps_everything(string select)
    {
        using var client = _images.Client();

        var all = (await GetAsync(client, "/cimi/machine_images")).Xml;
        var star = (await GetAsync(client, "/cimi/machine_images?$select=" + Uri.EscapeDataString(select))).Xml;

        Assert.Equal(all.ToString(), star.ToString());
    }

    [Fact]
    public async Task Select_on_one_image_keeps_only_the_attributes_named()
    {
        using var client = _images.Client();

        var image = (await GetAsync(client, ImagePath(_images.Echo) + "?$select=state,imageLocation,properties")).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(["property", "state", "imageLocation"], image.Elements().Select(e => e.Name.LocalName).Distinct().ToArray());
    }

    [Theory]
    [InlineData("$first=2&$last=3", "bravo,charlie")]
    [InlineData("$first=4", "delta,echo")]
    [InlineData("$last=1", "alpha")]
    [InlineData("$first=5&$last=9", "echo")]
    [InlineData("$first=6", "")]
    [InlineData("$first=1&$last=5", "alpha,bravo,charlie,delta,echo")]
    public async Task First_and_last_pick_a_window_and_count_stays_the_number_matching(string window, string expected)
    {
        using var client = _images.Client();

        var list = (await GetAsync(client, "/cimi/machine_images?$orderby=name&" + window)).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(expected, string.Join(',', Names(list)));
        Assert.Equal("5", Value(list, "count"));
    }

    [Theory]
    [InlineData("name:desc", "echo,delta,charlie,bravo,alpha")]
    [InlineData("name:asc", "alpha,bravo,charlie,delta,echo")]
    [InlineData("name", "alpha,bravo,charlie,delta,echo")]
    [InlineData("state,name:desc", "echo,delta,charlie,bravo,alpha")]
    [InlineData("state:desc,name", "alpha,bravo,charlie,delta,echo")]
    [InlineData("description", "alpha,delta,echo,bravo,charlie")] // first, fourth, imported, second, third
    public async Task Orderby_sorts_by_the_attributes_named(string orderby, string expected)
    {
        using var client = _images.Client();

        var list = (await GetAsync(client, "/cimi/machine_images?$orderby=" + Uri.EscapeDataString(orderby))).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(expected, string.Join(',', Names(list)));
    }

    [Fact]
    public async Task Filter_orderby_and_window_combine()
    {
        using var client = _images.Client();

        var list = (await GetAsync(client, "/cimi/machine_images?$filter=" + Uri.EscapeDataString("state='CREATING'")
            + "&$orderby=name:desc&$first=2&$last=3")).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(["charlie", "bravo"], Names(list));
        Assert.Equal("4", Value(list, "count"));
    }

    [Theory]
    [InlineData("$orderby=colour", "colour")]
    [InlineData("$orderby=name:sideways", "'asc' or 'desc'")]
    [InlineData("$select=name,colour", "colour")]
    [InlineData("$first=0", "$first")]
    [InlineData("$first=x", "$first")]
    [InlineData("$first=3&$last=2", "$first")]
    [InlineData("$top=2", "$top")]
    public async Task A_query_Kiln_cannot_follow_answers_400_naming_what(string query, string mentioned)
    {
        using var client = _images.Client();

        var refused = (await GetAsync(client, "/cimi/machine_images?" + query)).Expect(HttpStatusCode.BadRequest);

        Assert.Contains(mentioned, refused.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_not_starting_with_a_dollar_are_ignored()
    {
        using var client = _images.Client();

        var list = (await GetAsync(client, "/cimi/machine_images?name=alpha&filter=x")).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(5, Entries(list).Count);
    }

    /// <summary>The API-only service, a user "quinn" and their five images.</summary>
    public sealed class FiveImages : IAsyncLifetime
    {
        public ApiOnlyKilnFactory Kiln { get; } = new();

        public long Echo { get; private set; }

        public HttpClient Client() => CimiHttp.Client(Kiln, "quinn", PasswordOf("quinn"));

        public async Task InitializeAsync()
        {
            using (await Kiln.UserWithAsync("quinn", "appliance_create", "image_generate"))
            {
            }
            using var client = Client();
            await CreateIdAsync(client, name: "alpha", description: "first", properties: [("tier", "gold")]);
            await CreateIdAsync(client, name: "bravo", description: "second", properties: [("tier", "silver")]);
            await CreateIdAsync(client, name: "charlie", description: "third", properties: [("tier", "gold")]);
            await CreateIdAsync(client, name: "delta", description: "fourth");
            Echo = (await BuiltImages.ImportedAsync(Kiln, "quinn", BuiltImages.RandomBytes(4096), "echo")).Id;
        }

        public async Task DisposeAsync() => await Kiln.DisposeAsync();
    }
}
