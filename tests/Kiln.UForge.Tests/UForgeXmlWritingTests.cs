using Kiln.UForge.Tests.Support;

namespace Kiln.UForge.Tests;

public class UForgeXmlWritingTests
{
    private const string Declaration = """<?xml version="1.0" encoding="utf-8"?>""";

    [Fact]
    public async Task The_root_is_qualified_with_ns0_its_children_are_not_and_null_fields_are_left_out()
    {
        var xml = Bodies.Text(await Bodies.XmlAsync(new Image { Name = "web", Compress = true, TargetFormat = new TargetFormat { Name = "QCOW2" } }));

        Assert.Equal(
            Declaration + """<ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><compress>true</compress>"""
            + """<targetFormat><name>QCOW2</name></targetFormat><name>web</name></ns0:image>""",
            xml);
    }

    [Fact]
    public async Task Elements_follow_the_xsd_order_base_type_first_and_dates_are_utc_with_milliseconds()
    {
        var local = new DateTimeOffset(2018, 4, 16, 13, 43, 59, 0, TimeSpan.FromHours(2));
        var image = new Image { Uri = "users/guest/appliances/1616/images/346", DbId = 346, Created = local, Size = 10, Compress = false };

        var xml = Bodies.Text(await Bodies.XmlAsync(image));

        Assert.Equal(
            Declaration + """<ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><created>2018-04-16T11:43:59.000Z</created>"""
            + """<dbId>346</dbId><size>10</size><compress>false</compress><uri>users/guest/appliances/1616/images/346</uri></ns0:image>""",
            xml);
    }

    [Fact]
    public async Task An_os_profile_inside_an_appliance_names_its_type()
    {
        var appliance = new Appliance { Name = "web", OsProfile = new LinuxProfile { Name = "Minimal" } };

        var xml = Bodies.Text(await Bodies.XmlAsync(appliance));

        Assert.Contains(
            """<osProfile xsi:type="ns0:LinuxProfile" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><name>Minimal</name></osProfile>""",
            xml,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_keeps_the_xsd_wrapper_named_like_the_root()
    {
        var images = new Images { Total = 2, Items = [new Image { DbId = 1 }, new Image { DbId = 2 }] };

        var xml = Bodies.Text(await Bodies.XmlAsync(images));

        Assert.Equal(
            Declaration + """<ns0:images xmlns:ns0="http://www.usharesoft.com/uforge"><total>2</total><images>"""
            + """<image><dbId>1</dbId></image><image><dbId>2</dbId></image></images></ns0:images>""",
            xml);
    }

    [Fact]
    public async Task An_error_document_has_the_fields_clients_print()
    {
        var error = new UForgeError
        {
            StatusCode = 404,
            RequestUri = "users/guest/appliances/9/images",
            RequestMethod = "POST",
            Timestamp = Samples.When,
            LocalizedErrorMsg = new LocalizedMessage { Message = "Appliance 9 not found", MessageId = "appliance.notfound", Parameters = ["9"] },
        };

        var xml = Bodies.Text(await Bodies.XmlAsync(error));

        Assert.Equal(
            Declaration + """<ns0:uforgeError xmlns:ns0="http://www.usharesoft.com/uforge"><localizedErrorMsg><message>Appliance 9 not found</message>"""
            + """<messageId>appliance.notfound</messageId><parameters><parameter>9</parameter></parameters></localizedErrorMsg>"""
            + """<requestMethod>POST</requestMethod><requestUri>users/guest/appliances/9/images</requestUri><statusCode>404</statusCode>"""
            + """<timestamp>2018-04-16T11:43:59.123Z</timestamp></ns0:uforgeError>""",
            xml);
    }

    [Fact]
    public async Task Writing_synchronously_gives_the_bytes_the_async_write_sends()
    {
        var list = new Images
        {
            Items = [new Image { Name = "web", DbId = 1, Compress = true }, new Image { Name = "db", DbId = 2, TargetFormat = new TargetFormat { Name = "VHD" } }],
            Total = 2,
        };
        using var written = new MemoryStream();

        UForgeXml.Write(written, list);

        Assert.Equal(await Bodies.XmlAsync(list), written.ToArray());
        Assert.StartsWith(Declaration + "<ns0:images ", Bodies.Text(written.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_write_stops_between_list_items()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            UForgeXml.Write(new MemoryStream(), new Images { Items = [new Image { Name = "web" }], Total = 1 }, cancelled.Token));
    }

    [Fact]
    public async Task A_type_that_is_not_a_document_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => UForgeXml.WriteAsync(new MemoryStream(), new object()));
    }
}
