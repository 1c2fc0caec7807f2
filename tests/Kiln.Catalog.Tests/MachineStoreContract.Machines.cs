namespace Kiln.Catalog.Tests;

public abstract partial class MachineStoreContract
{
    [Fact]
    public async Task Created_machine_is_creating_without_process_with_its_label_image_and_hardware()
    {
        var store = NewStore();

        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);

        Assert.True(machine.Id > 0);
        Assert.Equal(Alice, machine.Owner);
        AssertSameLabel(NewMachine(Alice).Label, machine.Label);
        Assert.Equal(ImageId, machine.ImageId);
        Assert.Equal(Small, machine.Hardware);
        Assert.Equal(MachineState.Creating, machine.State);
        Assert.Null(machine.StateMessage);
        Assert.Null(machine.Process);
        Assert.Equal(StampNow(), machine.Stamp);
        AssertSameMachine(machine, await store.GetMachineAsync(Alice, machine.Id, default));
        AssertSameMachine(machine, await store.GetMachineByIdAsync(machine.Id, default));
    }

    [Fact]
    public async Task A_machine_with_an_empty_label_keeps_it_empty()
    {
        var store = NewStore();

        var machine = await store.CreateMachineAsync(new NewMachine(Alice, ImageLabel.Empty, ImageId, Large), default);

        AssertSameLabel(ImageLabel.Empty, machine.Label);
        Assert.Equal($"machine-{machine.Id}", machine.DisplayName);
        AssertSameMachine(machine, await store.GetMachineAsync(Alice, machine.Id, default));
    }

    [Fact]
    public async Task Another_owners_machine_is_not_found_listed_or_deleted_but_the_supervisor_finds_it_by_id()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);

        Assert.Null(await store.GetMachineAsync(Bob, machine.Id, default));
        Assert.Empty(await store.ListMachinesAsync(Bob, default));
        Assert.False(await store.DeleteMachineAsync(Bob, machine.Id, default));

        AssertSameMachine(machine, await store.GetMachineByIdAsync(machine.Id, default));
        AssertSameMachine(machine, await store.GetMachineAsync(Alice, machine.Id, default));
    }

    [Fact]
    public async Task Unknown_machine_is_not_found()
    {
        var store = NewStore();

        Assert.Null(await store.GetMachineAsync(Alice, 4242, default));
        Assert.Null(await store.GetMachineByIdAsync(4242, default));
        Assert.False(await store.DeleteMachineAsync(Alice, 4242, default));
        Assert.Empty(await store.ListMachinesAsync(Alice, default));
        Assert.Empty(await store.ListAllMachinesAsync(default));
    }

    [Fact]
    public async Task Machines_are_listed_by_id_for_their_owner()
    {
        var store = NewStore();
        var first = await store.CreateMachineAsync(NewMachine(Alice, "first"), default);
        await store.CreateMachineAsync(NewMachine(Bob, "bobs"), default);
        var second = await store.CreateMachineAsync(NewMachine(Alice, "second"), default);

        var listed = await store.ListMachinesAsync(Alice, default);

        Assert.Equal([first.Id, second.Id], listed.Select(m => m.Id));
        AssertSameMachine(second, listed[1]);
    }

    [Fact]
    public async Task Every_owners_machines_are_listed_by_id_for_the_supervisor()
    {
        var store = NewStore();
        var alices = await store.CreateMachineAsync(NewMachine(Alice), default);
        var bobs = await store.CreateMachineAsync(NewMachine(Bob), default);
        var started = await store.CreateMachineAsync(NewMachine(Alice, "second"), default);
        started = (await store.TransitionMachineAsync(started.Id, [MachineState.Creating], MachineState.Started, null, Process(), default))!.Machine;

        var all = await store.ListAllMachinesAsync(default);

        Assert.Equal([alices.Id, bobs.Id, started.Id], all.Select(m => m.Id));
        AssertSameMachine(bobs, all[1]);
        AssertSameMachine(started, all[2]);
    }

    [Fact]
    public async Task Updating_the_label_saves_only_the_label_and_bumps_revision_and_last_modified()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        Time.Advance(TimeSpan.FromSeconds(3));
        var label = Label("renamed", null, ("owner-team", "ops"));

        // Everything but the label is the store's to keep: a caller's other changes are not saved.
        var updated = await store.UpdateMachineLabelAsync(
            machine with { Label = label, State = MachineState.Started, Hardware = Large, ImageId = 99, Process = Process() }, default);

        var expected = machine with { Label = label, Stamp = StampNow(machine.Stamp) };
        AssertSameMachine(expected, updated);
        AssertSameMachine(expected, await store.GetMachineAsync(Alice, machine.Id, default));
    }

    [Fact]
    public async Task Updating_the_label_with_a_stale_revision_is_a_conflict_and_changes_nothing()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        var current = await store.UpdateMachineLabelAsync(machine with { Label = Label("first edit") }, default);
        Time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.UpdateMachineLabelAsync(machine with { Label = Label("second edit") }, default));

        AssertSameMachine(current!, await store.GetMachineAsync(Alice, machine.Id, default));
    }

    [Fact]
    public async Task A_transition_makes_a_copy_read_before_it_stale_for_a_label_update()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        var moved = await store.TransitionMachineAsync(machine.Id, [MachineState.Creating], MachineState.Stopped, null, null, default);

        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.UpdateMachineLabelAsync(machine with { Label = Label("too late") }, default));

        AssertSameMachine(moved!.Machine, await store.GetMachineAsync(Alice, machine.Id, default));
    }

    [Fact]
    public async Task Updating_the_label_of_an_unknown_or_another_owners_machine_returns_null()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);

        Assert.Null(await store.UpdateMachineLabelAsync(machine with { Id = 4242 }, default));
        Assert.Null(await store.UpdateMachineLabelAsync(machine with { Owner = Bob, Label = Label("stolen") }, default));

        AssertSameMachine(machine, await store.GetMachineAsync(Alice, machine.Id, default));
    }

    [Fact]
    public async Task Deleting_a_machine_removes_it_and_a_second_delete_returns_false()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        var kept = await store.CreateMachineAsync(NewMachine(Alice, "kept"), default);

        Assert.True(await store.DeleteMachineAsync(Alice, machine.Id, default));

        Assert.Null(await store.GetMachineAsync(Alice, machine.Id, default));
        Assert.Null(await store.GetMachineByIdAsync(machine.Id, default));
        Assert.Equal([kept.Id], (await store.ListMachinesAsync(Alice, default)).Select(m => m.Id));
        Assert.Null(await store.UpdateMachineLabelAsync(machine, default));
        Assert.Null(await store.TransitionMachineAsync(machine.Id, [MachineState.Creating], MachineState.Error, "gone", null, default));
        Assert.False(await store.DeleteMachineAsync(Alice, machine.Id, default));
    }

    [Fact]
    public async Task Ids_are_never_given_again_after_a_delete()
    {
        var store = NewStore();
        var machine = await store.CreateMachineAsync(NewMachine(Alice), default);
        var config = await store.CreateConfigAsync(NewConfig(Alice), default);
        var template = await store.CreateTemplateAsync(new NewMachineTemplate(Alice, Label("t"), config.Id, ImageId), default);
        await store.DeleteTemplateAsync(Alice, template.Id, default);
        await store.DeleteConfigAsync(Alice, config.Id, default);
        await store.DeleteMachineAsync(Alice, machine.Id, default);

        var nextMachine = await store.CreateMachineAsync(NewMachine(Alice), default);
        var nextConfig = await store.CreateConfigAsync(NewConfig(Alice), default);
        var nextTemplate = await store.CreateTemplateAsync(new NewMachineTemplate(Alice, Label("t"), nextConfig.Id, ImageId), default);

        Assert.True(nextMachine.Id > machine.Id);
        Assert.True(nextConfig.Id > config.Id);
        Assert.True(nextTemplate.Id > template.Id);
    }
}
