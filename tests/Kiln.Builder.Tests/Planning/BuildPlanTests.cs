using Kiln.Builder.Formats;
using Kiln.Builder.Planning;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class BuildPlanTests
{
    [Fact]
    public void Conversions_put_the_slow_vmdk_first()
    {
        var plan = PlanFor("qcow2", "vdi", "vmdk", "raw");

        Assert.Equal([TargetFormats.Vmdk, TargetFormats.Vdi, TargetFormats.Qcow2, TargetFormats.Raw], plan.Conversions);
    }

    [Fact]
    public void Conversions_add_the_vmdk_an_ova_wraps()
    {
        Assert.Equal([TargetFormats.Vmdk, TargetFormats.Qcow2], PlanFor("qcow2", "ova").Conversions);
        Assert.Equal([TargetFormats.Vmdk], PlanFor("ova", "vmdk").Conversions);
    }

    [Fact]
    public void Conversions_leave_out_the_ova_itself_and_the_tarball()
    {
        Assert.Equal([TargetFormats.Vmdk], PlanFor("ova", "tar.gz").Conversions);
        Assert.Empty(PlanFor("tar.gz").Conversions);
    }

    private static BuildPlan PlanFor(params string[] formats) =>
        BuildPlanner.Plan(new BuildRequest(SampleAppliances.Valid(), formats, "/out"), "http://deb.example.org/debian",
            DiskLayoutTests.Ids, DateTimeOffset.UnixEpoch);
}
