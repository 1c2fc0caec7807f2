using Kiln.Cimi.Tests.Support;
using static Kiln.Cimi.Tests.Support.MachineBodies;

namespace Kiln.Cimi.Tests;

/// <summary>Action bodies (start, stop, restart a machine) in XML and JSON, and the errors a bad one gets.</summary>
public class ActionReadingTests
{
    [Fact]
    public void An_xml_action_in_the_cimi_namespace_is_read_with_its_uri_as_given_force_and_properties()
    {
        var action = XmlAction($"""
            <Action xmlns="{CimiUris.Namespace}">
              <action> {CimiUris.StopAction} </action>
              <force>true</force>
              <property name="reason">maintenance</property>
            </Action>
            """);

        Assert.Equal(CimiUris.StopAction, action.Action);
        Assert.True(action.Force);
        Assert.Equal([new("reason", "maintenance")], action.Properties);
    }

    [Theory]
    [InlineData("Action")]
    [InlineData("action")]
    public void An_xml_action_without_namespace_is_read_and_force_is_null_when_not_given(string root)
    {
        var action = XmlAction($"<{root}><action>http://example.com/custom/reboot</action><colour>blue</colour></{root}>");

        Assert.Equal("http://example.com/custom/reboot", action.Action);
        Assert.Null(action.Force);
        Assert.Empty(action.Properties);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData(" 1 ", true)]
    [InlineData("0", false)]
    [InlineData("TRUE", true)]
    public void Force_is_read_as_an_xml_boolean(string text, bool expected)
    {
        Assert.Equal(expected, XmlAction($"<Action><action>{CimiUris.StartAction}</action><force>{text}</force></Action>").Force);
    }

    [Theory]
    [InlineData("<Action><force>true</force></Action>")]
    [InlineData("<Action><action>  </action></Action>")]
    public void An_xml_action_without_its_action_is_refused_saying_so(string body)
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlAction(body));

        Assert.Equal($"Line 1, position 2: <Action> needs an <action> naming it, such as <action>{CimiUris.StopAction}</action>.", error.Message);
    }

    [Fact]
    public void An_xml_force_that_is_no_boolean_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlAction($"<Action><action>{CimiUris.StopAction}</action><force>yes</force></Action>"));

        Assert.Contains("<force> must be true or false, not \"yes\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_xml_root_that_is_no_action_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlAction("<Machine/>"));

        Assert.Equal("Line 1, position 2: expected the element <Action>, not <Machine>.", error.Message);
    }

    [Fact]
    public void A_json_action_is_a_plain_object_with_an_action_member()
    {
        var action = JsonAction($$"""{"resourceURI": "{{CimiUris.Action}}", "action": "{{CimiUris.RestartAction}}", "force": false, "properties": {"delay": 5} }""");

        Assert.Equal(CimiUris.RestartAction, action.Action);
        Assert.False(action.Force);
        Assert.Equal([new("delay", "5")], action.Properties);
    }

    [Fact]
    public void A_json_action_wrapped_under_Action_is_read()
    {
        var action = JsonAction($$"""{"Action": {"action": " {{CimiUris.StartAction}} ", "force": "true"} }""");

        Assert.Equal(CimiUris.StartAction, action.Action);
        Assert.True(action.Force);
    }

    [Theory]
    [InlineData("""{"force": true}""", "$.action")]
    [InlineData("""{"action": null}""", "$.action")]
    [InlineData("""{"action": ""}""", "$.action")]
    [InlineData("""{"Action": {"force": true}}""", "$.Action.action")]
    public void A_json_action_without_its_action_is_refused_naming_the_path(string body, string path)
    {
        var error = Assert.Throws<CimiFormatException>(() => JsonAction(body));

        Assert.Equal($"{path} is missing: give the action's URI, such as \"{CimiUris.StopAction}\".", error.Message);
        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData("""{"action": "x", "force": "maybe"}""", "$.force must be true or false, not a string.")]
    [InlineData("""{"action": "x", "force": 1}""", "$.force must be true or false, not a number.")]
    [InlineData("""{"action": 5}""", "$.action must be a string, not a number.")]
    [InlineData("""{"action": "x", "action": "y"}""", "$.action is given twice.")]
    public void A_json_action_with_a_value_of_the_wrong_kind_is_refused(string body, string message)
    {
        Assert.Equal(message, Assert.Throws<CimiFormatException>(() => JsonAction(body)).Message);
    }

    [Fact]
    public async Task Actions_are_read_asynchronously_from_a_stream_that_only_reads_asynchronously()
    {
        using var xml = new AsyncOnlyStream(Bodies.Body($"<Action><action>{CimiUris.StopAction}</action></Action>"));
        using var json = new AsyncOnlyStream(Bodies.Body($$"""{"action": "{{CimiUris.StartAction}}"}"""));

        Assert.Equal(CimiUris.StopAction, (await CimiXml.ReadActionAsync(xml, Bodies.Limit)).Action);
        Assert.Equal(CimiUris.StartAction, (await CimiJson.ReadActionAsync(json, Bodies.Limit)).Action);
    }
}
