package it;

public final class Inventory {
    public static void main(String[] args) {
        System.out.println("inventory");
    }
}
